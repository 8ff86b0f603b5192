import { useAzureMonitor } from '@azure/monitor-opentelemetry';
import { ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
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
 */
export function startTelemetry(config: TelemetryConfig, extras: TelemetryExtras = {}): TelemetryExport {
  const otlp =
    config.otlpTracesEndpoint === undefined
      ? []
      : [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlpTracesEndpoint }))];
  const spanProcessors = [...otlp, ...(extras.spanProcessors ?? [])];
  const flush = async (): Promise<void> => {
    await Promise.all(spanProcessors.map((processor) => processor.forceFlush()));
    await Promise.all((extras.metricReaders ?? []).map((reader) => reader.forceFlush()));
  };
  if (config.applicationInsightsConnectionString !== undefined) {
    const credential = telemetryCredential(config.applicationInsightsCredential);
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
    new NodeTracerProvider({ spanProcessors }).register();
    return { exporters: ['otlp'], flush };
  }
  return { exporters: [], flush: () => Promise.resolve() };
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
