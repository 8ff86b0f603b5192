import { app } from '@azure/functions';
import { functionNames } from '../src/functionNames.js';
import { appStorage } from '../src/storage/appStorage.js';
import { appRegistry } from '../src/registry/appRegistry.js';
import { appAuditTrail } from '../src/audit/appAudit.js';
import { eraseSubject } from '../src/gdpr/subjectErasure.js';
import { parseRouteParams } from '../src/http/requestParts.js';
import { e4OffsetBody, subjectParams } from '../src/api/requestSchemas.js';
import { parseJsonBody } from '../src/http/jsonRequest.js';
import { HttpProblem } from '../src/http/httpProblem.js';
import { appConfig } from '../src/config/appConfig.js';
import { readSubjectRecord } from '../src/subjects/subjectRecord.js';
import { stateE4Offset } from '../src/subjects/statedOffset.js';
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

export const getSubjectHandler = withProblemResponses(async (request) => {
  callerOf(request);
  const { subject } = parseRouteParams(request.params, subjectParams);
  const record = await readSubjectRecord(appStorage(), subject);
  if (record === undefined) throw new HttpProblem('not-found', `Nothing is stored for subject ${subject}.`);
  return { jsonBody: record };
});

export const stateE4OffsetHandler = withProblemResponses(async (request) => {
  const actor = callerOf(request, ['Researcher']);
  const { subject } = parseRouteParams(request.params, subjectParams);
  const body = parseJsonBody(await request.text(), e4OffsetBody);
  const config = appConfig();
  const { record, labelling } = await stateE4Offset(
    appStorage(),
    subject,
    { ...body, actor: actor.id },
    { format: config.preprocessing.formats.e4, maxBytes: config.maxUploadBytes, now: () => new Date() },
  );
  await appAuditTrail().append({
    actor: actor.id,
    action: 'e4-offset-stated',
    target: `subjects/${subject}/e4-offset`,
    details: {
      offsetSeconds: body.offsetSeconds,
      reason: body.reason,
      labelling: labelling?.state ?? null,
      version: labelling?.version ?? null,
    },
  });
  return { jsonBody: record };
});

app.http(functionNames.getSubject, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'subjects/{subject}',
  handler: getSubjectHandler,
});
app.http(functionNames.stateE4Offset, {
  authLevel: 'function',
  methods: ['PUT'],
  route: 'subjects/{subject}/e4-offset',
  handler: stateE4OffsetHandler,
});
app.http(functionNames.eraseSubject, {
  authLevel: 'function',
  methods: ['DELETE'],
  route: 'subjects/{subject}',
  handler: eraseSubjectHandler,
});
