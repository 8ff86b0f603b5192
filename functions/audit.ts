import { app, type HttpRequest } from '@azure/functions';
import { functionNames } from '../src/functionNames.js';
import { appAuditTrail } from '../src/audit/appAudit.js';
import { requireCaller } from '../src/http/authorization.js';
import { pageOf, pageRequestOf } from '../src/http/paging.js';
import { parseQuery } from '../src/http/requestParts.js';
import { auditQuery } from '../src/api/requestSchemas.js';
import { withProblemResponses } from './shared/httpAdapter.js';

const complianceOnly = ['ComplianceOfficer'];
const header = (request: HttpRequest) => (name: string) => request.headers.get(name);

export const listAudit = withProblemResponses(async (request) => {
  requireCaller(header(request), complianceOnly);
  const page = pageRequestOf(request.query);
  const result = await appAuditTrail().list(
    parseQuery(request.query, auditQuery),
    page.pageSize,
    page.continuationToken,
  );
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

export const verifyAudit = withProblemResponses(async (request) => {
  requireCaller(header(request), complianceOnly);
  return { jsonBody: await appAuditTrail().verify() };
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
