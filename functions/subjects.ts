import { app } from '@azure/functions';
import { functionNames } from '../src/api/functionNames.js';
import { appStorage } from '../src/app/appStorage.js';
import { appRegistry } from '../src/app/appRegistry.js';
import { appAuditTrail } from '../src/app/appAudit.js';
import { eraseSubject } from '../src/domain/gdpr/subjectErasure.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { subjectParams } from '../src/api/requestSchemas.js';
import { withProblemResponses } from './shared/httpAdapter.js';
import { callerOf } from './shared/caller.js';

export const eraseSubjectHandler = withProblemResponses(async (request) => {
  const actor = callerOf(request, ['Admin']);
  const { subject } = parseRouteParams(request.params, subjectParams);
  const report = await eraseSubject(appStorage(), appRegistry(), subject, actor);
  await appAuditTrail().append({
    actor: actor.id,
    action: 'subject-erased',
    target: `subjects/${subject}`,
    details: {
      rawBlobs: report.rawBlobsDeleted.length,
      windowSetBlobs: report.windowSetBlobsDeleted,
      tableRows: report.tableRowsDeleted,
      runsFlagged: report.runsFlagged.length,
      versionsFlagged: report.versionsFlagged.length,
    },
  });
  return { jsonBody: report };
});

app.http(functionNames.eraseSubject, {
  authLevel: 'function',
  methods: ['DELETE'],
  route: 'subjects/{subject}',
  handler: eraseSubjectHandler,
});
