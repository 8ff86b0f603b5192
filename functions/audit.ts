import { pageOf, pageRequestOf } from '../src/platform/http/paging.js';
import { parseQuery } from '../src/platform/http/requestParts.js';
import { appAuditCheckpoints, appAuditKey, appAuditTrail } from '../src/app/appAudit.js';
import { verifyAnchoredChain } from '../src/domain/audit/anchoredVerification.js';
import { auditQuery } from '../src/api/requestSchemas.js';
import { registerHttpOperation } from './shared/httpOperation.js';

registerHttpOperation('listAudit', async (request) => {
  const page = pageRequestOf(request.query);
  const result = await appAuditTrail().list(
    parseQuery(request.query, auditQuery),
    page.pageSize,
    page.continuationToken,
  );
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

registerHttpOperation('verifyAudit', async () => {
  return {
    jsonBody: await verifyAnchoredChain(appAuditTrail(), appAuditCheckpoints(), await appAuditKey().key()),
  };
});
