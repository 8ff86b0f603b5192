import { jsonBodyOf } from './shared/jsonBody.js';
import { appStorage } from '../src/app/appStorage.js';
import { appRegistry } from '../src/app/appRegistry.js';
import { eraseSubject } from '../src/domain/gdpr/subjectErasure.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { e4OffsetBody, subjectParams } from '../src/api/requestSchemas.js';
import { HttpProblem } from '../src/platform/http/httpProblem.js';
import { appConfig } from '../src/app/appConfig.js';
import { readSubjectRecord } from '../src/domain/subjects/subjectRecord.js';
import { stateE4Offset } from '../src/domain/subjects/statedOffset.js';
import { erasureAuditChange } from '../src/domain/gdpr/erasureAudit.js';
import { registerHttpOperation } from './shared/httpOperation.js';

registerHttpOperation('eraseSubject', async (request, _context, actor) => {
  const { subject } = parseRouteParams(request.params, subjectParams);
  const report = await eraseSubject(appStorage(), appRegistry(), subject, actor);
  return { jsonBody: report, audit: erasureAuditChange(report) };
});

registerHttpOperation('getSubject', async (request) => {
  const { subject } = parseRouteParams(request.params, subjectParams);
  const record = await readSubjectRecord(appStorage(), subject);
  if (record === undefined) throw new HttpProblem('not-found', `Nothing is stored for subject ${subject}.`);
  return { jsonBody: record };
});

registerHttpOperation('stateE4Offset', async (request, _context, actor) => {
  const { subject } = parseRouteParams(request.params, subjectParams);
  const body = await jsonBodyOf(request, e4OffsetBody);
  const config = appConfig();
  const { record, labelling } = await stateE4Offset(
    appStorage(),
    subject,
    { ...body, actor: actor.id },
    { format: config.preprocessing.formats.e4, maxBytes: config.maxUploadBytes, now: () => new Date() },
  );
  return {
    jsonBody: record,
    audit: {
      target: `subjects/${subject}/e4-offset`,
      details: {
        offsetSeconds: body.offsetSeconds,
        reason: body.reason,
        labelling: labelling?.state ?? null,
        version: labelling?.version ?? null,
      },
    },
  };
});
