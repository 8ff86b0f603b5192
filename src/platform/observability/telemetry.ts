import { useAzureMonitor } from '@azure/monitor-opentelemetry';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { metrics, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { describeError } from '../errors/describeError.js';

/**
 * OpenTelemetry for the app: spans around ingestion, each training activity and epoch, and a few
 * metrics, exported to Application Insights (Azure Monitor distro) and/or an OTLP endpoint.
 * Without either the API's no-op implementations make every call free, so the instrumentation
 * stays in place locally and in tests.
 */
export interface TelemetryConfig {
  applicationInsightsConnectionString: string | undefined;
  /** Full URL of an OTLP/HTTP traces endpoint (…/v1/traces). */
  otlpTracesEndpoint: string | undefined;
}

export interface TelemetryExport {
  exporters: ('azure-monitor' | 'otlp')[];
  /** Sends what is buffered, e.g. before a short-lived process ends. */
  flush(): Promise<void>;
}

export function startTelemetry(config: TelemetryConfig): TelemetryExport {
  const otlp =
    config.otlpTracesEndpoint === undefined
      ? []
      : [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlpTracesEndpoint }))];
  const flushOtlp = async (): Promise<void> => {
    await Promise.all(otlp.map((processor) => processor.forceFlush()));
  };
  if (config.applicationInsightsConnectionString !== undefined) {
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: config.applicationInsightsConnectionString },
      spanProcessors: otlp,
    });
    return { exporters: otlp.length > 0 ? ['azure-monitor', 'otlp'] : ['azure-monitor'], flush: flushOtlp };
  }
  if (otlp.length > 0) {
    new NodeTracerProvider({ spanProcessors: otlp }).register();
    return { exporters: ['otlp'], flush: flushOtlp };
  }
  return { exporters: [], flush: () => Promise.resolve() };
}

const tracer = trace.getTracer('wesad-mlops');
const meter = metrics.getMeter('wesad-mlops');

export const telemetryMetrics = {
  windowsProcessed: meter.createCounter('wesad.ingestion.windows', { description: 'Windows written by ingestion' }),
  epochDuration: meter.createHistogram('wesad.training.epoch.duration', {
    description: 'Seconds per training epoch',
    unit: 's',
  }),
  runOutcomes: meter.createCounter('wesad.training.runs', { description: 'Finished runs by outcome' }),
};

/**
 * Runs `work` inside a span; an error marks the span failed and is rethrown unchanged. Attribute
 * values are identifiers and counts only: never signal values, tokens or personal data.
 */
export async function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
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
