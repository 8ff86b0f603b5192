import { app, type HttpResponseInit } from '@azure/functions';
import { functionNames } from '../src/api/functionNames.js';
import { healthReport } from '../src/platform/health/healthReport.js';
import { appStorage } from '../src/app/appStorage.js';
import { appConfig } from '../src/app/appConfig.js';
import { withProblemResponses } from './shared/httpAdapter.js';

export const healthHandler = withProblemResponses(async (): Promise<HttpResponseInit> => {
  const report = await healthReport(appStorage(), appConfig().hostKind);
  return { status: report.status === 'ok' ? 200 : 503, jsonBody: report };
});

app.http(functionNames.health, {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'health',
  handler: healthHandler,
});
