import { useAzureMonitor } from '@azure/monitor-opentelemetry';
import { metrics, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { describeError } from '../errors/describeError.js';

/**
 * OpenTelemetry for the app: spans around ingestion, each training activity and epoch, and a few
 * metrics. Without a connection string the API's no-op implementations make every call free, so
 * the instrumentation stays in place locally and in tests.
 */
export function startTelemetry(connectionString: string | undefined): 'azure-monitor' | 'off' {
  if (connectionString === undefined) return 'off';
  useAzureMonitor({ azureMonitorExporterOptions: { connectionString } });
  return 'azure-monitor';
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
