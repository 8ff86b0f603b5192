import { app } from '@azure/functions';
import { appConfig } from '../src/app/appConfig.js';
import { startTelemetry } from '../src/platform/observability/telemetry.js';

/** Telemetry starts with the app, before any invocation, when Application Insights is configured. */
app.hook.appStart(() => {
  startTelemetry(appConfig());
});
