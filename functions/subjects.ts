import { appStorage } from '../src/app/appStorage.js';
import { appRegistry } from '../src/app/appRegistry.js';
import { eraseSubject } from '../src/domain/gdpr/subjectErasure.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { erasureAuditChange } from '../src/domain/gdpr/erasureAudit.js';
import { subjectParams } from '../src/api/requestSchemas.js';
import { registerHttpOperation } from './shared/httpOperation.js';

registerHttpOperation('eraseSubject', async (request, _context, actor) => {
  const { subject } = parseRouteParams(request.params, subjectParams);
  const report = await eraseSubject(appStorage(), appRegistry(), subject, actor);
  return { jsonBody: report, audit: erasureAuditChange(report) };
});
