import { app } from '@azure/functions';
import { functionNames } from '../src/functionNames.js';
import { appAuditCheckpoints, appAuditKey, appAuditTrail } from '../src/audit/appAudit.js';
import { verifyAnchoredChain } from '../src/audit/anchoredVerification.js';
import { pageOf, pageRequestOf } from '../src/http/paging.js';
import { parseQuery } from '../src/http/requestParts.js';
import { auditQuery } from '../src/api/requestSchemas.js';
import { withProblemResponses } from './shared/httpAdapter.js';
import { callerOf } from './shared/caller.js';

const complianceOnly = ['ComplianceOfficer'];

export const listAudit = withProblemResponses(async (request) => {
  callerOf(request, complianceOnly);
  const page = pageRequestOf(request.query);
  const result = await appAuditTrail().list(
    parseQuery(request.query, auditQuery),
    page.pageSize,
    page.continuationToken,
  );
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

export const verifyAudit = withProblemResponses(async (request) => {
  callerOf(request, complianceOnly);
  return {
    jsonBody: await verifyAnchoredChain(appAuditTrail(), appAuditCheckpoints(), await appAuditKey().key()),
  };
});

app.http(functionNames.listAudit, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'audit',
  handler: listAudit,
});
app.http(functionNames.verifyAudit, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'audit/verify',
  handler: verifyAudit,
});
