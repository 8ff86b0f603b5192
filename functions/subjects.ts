import { app } from '@azure/functions';
import { functionNames } from '../src/functionNames.js';
import { appStorage } from '../src/storage/appStorage.js';
import { appRegistry } from '../src/registry/appRegistry.js';
import { appAuditTrail } from '../src/audit/appAudit.js';
import { eraseSubject } from '../src/gdpr/subjectErasure.js';
import { erasureAuditEvent } from '../src/gdpr/erasureAudit.js';
import { parseRouteParams } from '../src/http/requestParts.js';
import { subjectParams } from '../src/api/requestSchemas.js';
import { withProblemResponses } from './shared/httpAdapter.js';
import { callerOf } from './shared/caller.js';

export const eraseSubjectHandler = withProblemResponses(async (request) => {
  const actor = callerOf(request, ['Admin']);
  const { subject } = parseRouteParams(request.params, subjectParams);
  const report = await eraseSubject(appStorage(), appRegistry(), subject, actor);
  await appAuditTrail().append(erasureAuditEvent(report, actor));
  return { jsonBody: report };
});

app.http(functionNames.eraseSubject, {
  authLevel: 'function',
  methods: ['DELETE'],
  route: 'subjects/{subject}',
  handler: eraseSubjectHandler,
});
