import { app } from '@azure/functions';
import { appConfig } from '../src/config/appConfig.js';
import { startTelemetry } from '../src/observability/telemetry.js';

/** Telemetry starts with the app, before any invocation, when Application Insights is configured. */
app.hook.appStart(() => {
  startTelemetry(appConfig());
});
