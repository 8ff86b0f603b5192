import { afterAll, describe, expect, it } from 'vitest';
import { metrics, trace } from '@opentelemetry/api';
import { ManagedIdentityCredential } from '@azure/identity';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
// Imported before telemetry starts, as every module that records a metric is in the app.
import {
  inSpan,
  startTelemetry,
  telemetryCredential,
  telemetryMetrics,
} from '../../../src/platform/observability/telemetry.js';
import { parseTelemetryConfig } from '../../../src/platform/config/environment.js';

/**
 * "Enable Azure Monitor OpenTelemetry" (opentelemetry-enable, Node.js) with the real SDK and
 * in-memory exporters beside the Azure Monitor one. OpenTelemetry JS metrics have no proxy: a meter
 * taken before the MeterProvider is registered is a no-op for good, so instruments made at import
 * would export nothing. The connection string points at a closed local port: nothing leaves.
 */
const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });

afterAll(() => {
  delete process.env.OTEL_TRACES_SAMPLER;
  trace.disable();
  metrics.disable();
});

describe('telemetry after start-up', () => {
  it('exports the spans and every custom metric recorded after the app started', async () => {
    // The distro's default sampler is rate-limited (5 traces/s) and may drop the first span after
    // start-up; the documented OTEL_TRACES_SAMPLER override keeps every span for the assertion.
    process.env.OTEL_TRACES_SAMPLER = 'always_on';
    const telemetry = await startTelemetry(
      {
        applicationInsightsConnectionString:
          'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
        applicationInsightsCredential: undefined,
        otlpTracesEndpoint: undefined,
      },
      { spanProcessors: [new SimpleSpanProcessor(spans)], metricReaders: [reader] },
    );
    expect(telemetry.exporters).toEqual(['azure-monitor']);

    await inSpan('ingest upload', { blob: 'S5/S5.pkl' }, () => {
      telemetryMetrics.windowsProcessed.add(120, { kind: 'wesad-wrist-v1' });
      return Promise.resolve();
    });
    telemetryMetrics.epochDuration.record(2.5);
    telemetryMetrics.runOutcomes.add(1, { outcome: 'succeeded' });
    telemetryMetrics.windowsPredicted.add(40, { model: 'stress-cnn' });
    telemetryMetrics.predictionDrift.add(1, { model: 'stress-cnn', drift: 'not-flagged' });
    await telemetry.flush();

    expect(spans.getFinishedSpans().map((span) => span.name)).toContain('ingest upload');
    const exported = metricExporter
      .getMetrics()
      .flatMap((resource) => resource.scopeMetrics)
      .filter((scope) => scope.scope.name === 'wesad-mlops')
      .flatMap((scope) => scope.metrics);
    const sums = Object.fromEntries(
      exported.map((metric) => [
        metric.descriptor.name,
        metric.dataPoints.reduce((total, point) => {
          const value = point.value as number | { sum?: number };
          return total + (typeof value === 'number' ? value : (value.sum ?? 0));
        }, 0),
      ]),
    );
    expect(sums).toEqual({
      'wesad.ingestion.windows': 120,
      'wesad.training.epoch.duration': 2.5,
      'wesad.training.runs': 1,
      'wesad.prediction.windows': 40,
      'wesad.prediction.drift': 1,
    });
  });
});

describe('the Application Insights credential', () => {
  // "Microsoft Entra authentication for Application Insights" (azure-ad-authentication): with local
  // authentication disabled, APPLICATIONINSIGHTS_AUTHENTICATION_STRING is `Authorization=AAD`
  // (system-assigned) or `Authorization=AAD;ClientId=<id>` (user-assigned), and the Node.js
  // exporter takes a ManagedIdentityCredential.
  const connection = { APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=x' };

  it('is none without an authentication string (local authentication)', () => {
    expect(parseTelemetryConfig(connection).applicationInsightsCredential).toBeUndefined();
    expect(telemetryCredential(undefined)).toBeUndefined();
  });

  it('is the managed identity named by the string, else by AZURE_CLIENT_ID, else the system-assigned one', () => {
    const choose = (environment: Record<string, string>) =>
      parseTelemetryConfig({ ...connection, ...environment }).applicationInsightsCredential;
    expect(choose({ APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=abc;Authorization=AAD' })).toEqual({
      kind: 'managed-identity',
      clientId: 'abc',
    });
    expect(
      choose({ APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD', AZURE_CLIENT_ID: 'uami-client' }),
    ).toEqual({ kind: 'managed-identity', clientId: 'uami-client' });
    expect(choose({ APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' })).toEqual({
      kind: 'managed-identity',
      clientId: undefined,
    });
    expect(() => choose({ APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=Key' })).toThrow(
      /APPLICATIONINSIGHTS_AUTHENTICATION_STRING/,
    );
  });

  it('becomes a ManagedIdentityCredential for the exporter', () => {
    expect(telemetryCredential({ kind: 'managed-identity', clientId: 'abc' })).toBeInstanceOf(
      ManagedIdentityCredential,
    );
    expect(telemetryCredential({ kind: 'managed-identity', clientId: undefined })).toBeInstanceOf(
      ManagedIdentityCredential,
    );
  });
});
