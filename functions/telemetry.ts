import * as azureFunctions from '@azure/functions';
// A webpack bundle in CommonJS: Node cannot see its named exports from ESM, only module.exports.
import functionsInstrumentation from '@azure/functions-opentelemetry-instrumentation';
import { appConfig } from '../src/app/appConfig.js';
import { startTelemetry } from '../src/platform/observability/telemetry.js';

/**
 * Telemetry starts while the app loads, before the worker reports its capabilities to the host:
 * "Use OpenTelemetry with Azure Functions" (opentelemetry-howto, JavaScript) pairs host.json
 * `"telemetryMode": "OpenTelemetry"` with @azure/functions-opentelemetry-instrumentation, which
 * tells the host (capability WorkerOpenTelemetryEnabled, settable only before start-up finishes)
 * that the worker exports its own logs, and parents each invocation's spans on the host's trace
 * context. The app is an ES module, so the instrumentation's ESM form is handed the library
 * itself; it is created after the providers are registered, so its logger is the real one.
 */
const telemetry = startTelemetry(appConfig());
if (telemetry.exporters.length > 0) {
  new functionsInstrumentation.AzureFunctionsInstrumentationESM({ enabled: false }).registerAzFunc(azureFunctions);
}
