import { healthReport } from '../src/platform/health/healthReport.js';
import { appStorage } from '../src/app/appStorage.js';
import { appConfig } from '../src/app/appConfig.js';
import { registerHttpOperation } from './shared/httpOperation.js';

/** Exported for the unit test that calls it without a host. */
export const healthHandler = registerHttpOperation('health', async () => {
  const report = await healthReport(appStorage(), appConfig().hostKind);
  return { status: report.status === 'ok' ? 200 : 503, jsonBody: report };
});
