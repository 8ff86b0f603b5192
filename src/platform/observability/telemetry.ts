import { ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { describeError } from '../errors/describeError.js';
import type { TelemetryConfig, TelemetryCredentialChoice } from '../config/environment.js';

export type { TelemetryConfig, TelemetryCredentialChoice } from '../config/environment.js';
export { telemetryMetrics } from './telemetryMetrics.js';

/**
 * OpenTelemetry for the app: spans around ingestion, each training activity and epoch, and a few
 * metrics, exported to Application Insights (Azure Monitor distro) and/or an OTLP endpoint.
 * Without either the API's no-op implementations make every call free, so the instrumentation
 * stays in place locally and in tests.
 */
export interface TelemetryExport {
  exporters: ('azure-monitor' | 'otlp')[];
  /** Sends what is buffered, e.g. before a short-lived process ends. */
  flush(): Promise<void>;
}

/** Processors and readers added to the providers (tests: in-memory exporters). */
export interface TelemetryExtras {
  spanProcessors?: SpanProcessor[];
  metricReaders?: MetricReader[];
}

/**
 * The credential the Application Insights exporter authenticates with. With local authentication
 * disabled on the resource (DisableLocalAuth), ingestion accepts only Microsoft Entra tokens, and
 * the JavaScript exporter does not read APPLICATIONINSIGHTS_AUTHENTICATION_STRING itself: it needs a
 * `credential` ("Microsoft Entra authentication for Application Insights", azure-ad-authentication:
 * ManagedIdentityCredential, with the client id for a user-assigned identity).
 */
export function telemetryCredential(choice: TelemetryCredentialChoice | undefined): TokenCredential | undefined {
  if (choice === undefined) return undefined;
  return choice.clientId === undefined
    ? new ManagedIdentityCredential()
    : new ManagedIdentityCredential({ clientId: choice.clientId });
}

/**
 * Registers the global tracer and meter providers (and, with Application Insights, the logger
 * provider). Instruments are created on first use after this (telemetryMetrics), never at import:
 * OpenTelemetry JS has no proxy meter, so one taken before the provider stays a no-op for good.
 *
 * The exporters' SDKs are imported here, only when configured, not when this module is: the Azure
 * Monitor distro and its OpenTelemetry SDKs are about 1,900 modules and as long to load as all the
 * Azure SDKs the app needs together, which a process without telemetry (local runs, tests, the CLI)
 * need not pay. Where telemetry is configured the cost is the same as before: the app's telemetry
 * entry point awaits this while the worker loads the app, so telemetry still starts before the
 * first invocation (functions/telemetry.ts).
 */
export async function startTelemetry(config: TelemetryConfig, extras: TelemetryExtras = {}): Promise<TelemetryExport> {
  const otlp = config.otlpTracesEndpoint === undefined ? [] : [await otlpSpanProcessor(config.otlpTracesEndpoint)];
  const spanProcessors = [...otlp, ...(extras.spanProcessors ?? [])];
  const flush = async (): Promise<void> => {
    await Promise.all(spanProcessors.map((processor) => processor.forceFlush()));
    await Promise.all((extras.metricReaders ?? []).map((reader) => reader.forceFlush()));
  };
  if (config.applicationInsightsConnectionString !== undefined) {
    const credential = telemetryCredential(config.applicationInsightsCredential);
    const { useAzureMonitor } = await import('@azure/monitor-opentelemetry');
    useAzureMonitor({
      azureMonitorExporterOptions: {
        connectionString: config.applicationInsightsConnectionString,
        ...(credential === undefined ? {} : { credential }),
      },
      spanProcessors,
      metricReaders: extras.metricReaders ?? [],
    });
    return { exporters: otlp.length > 0 ? ['azure-monitor', 'otlp'] : ['azure-monitor'], flush };
  }
  if (otlp.length > 0) {
    const { NodeTracerProvider } = await import('@opentelemetry/sdk-trace-node');
    new NodeTracerProvider({ spanProcessors }).register();
    return { exporters: ['otlp'], flush };
  }
  return { exporters: [], flush: () => Promise.resolve() };
}

async function otlpSpanProcessor(url: string): Promise<SpanProcessor> {
  const [{ OTLPTraceExporter }, { BatchSpanProcessor }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/sdk-trace-node'),
  ]);
  return new BatchSpanProcessor(new OTLPTraceExporter({ url }));
}

/**
 * Runs `work` inside a span; an error marks the span failed and is rethrown unchanged. Attribute
 * values are identifiers and counts only: never signal values, tokens or personal data.
 *
 * The tracer is looked up on every call, not once at import: the Azure Monitor distro calls
 * `trace.disable()` before registering its provider, which replaces the API's proxy provider, so a
 * tracer taken earlier would stay attached to the discarded proxy and never export.
 */
export async function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return trace.getTracer('wesad-mlops').startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error: unknown) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
