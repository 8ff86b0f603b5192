import * as azureFunctions from '@azure/functions';
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
 *
 * The exporters and the instrumentation are imported only when telemetry is configured (they are
 * half of the app's start-up modules otherwise). This module waits for them at its top level: the
 * Node.js worker loads an ES module entry point with `import()` and awaits it before it registers
 * the app's functions with the host ("Azure Functions Node.js developer guide",
 * functions-reference-node, ECMAScript modules), so no invocation runs before telemetry is up.
 */
const telemetry = await startTelemetry(appConfig());
if (telemetry.exporters.length > 0) {
  // A webpack bundle in CommonJS: Node cannot see its named exports from ESM, only module.exports.
  const { default: functionsInstrumentation } = await import('@azure/functions-opentelemetry-instrumentation');
  new functionsInstrumentation.AzureFunctionsInstrumentationESM({ enabled: false }).registerAzFunc(azureFunctions);
}
