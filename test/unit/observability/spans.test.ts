import { afterAll, describe, expect, it } from 'vitest';
import { trace, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { inSpan } from '../../../src/platform/observability/telemetry.js';

const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));

afterAll(() => {
  trace.disable();
});

describe('spans around the work', () => {
  it('records a finished span with its attributes, and a failed one with the error, rethrowing it', async () => {
    expect(await inSpan('ingest upload', { blob: 'S2/S2.pkl' }, () => Promise.resolve(42))).toBe(42);
    await expect(
      inSpan('trainingTrainEpoch', { epoch: 3 }, () => Promise.reject(new Error('disk full'))),
    ).rejects.toThrow('disk full');
    const [ok, failed] = exporter.getFinishedSpans();
    expect(ok).toMatchObject({ name: 'ingest upload', attributes: { blob: 'S2/S2.pkl' } });
    expect(ok?.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(failed).toMatchObject({ name: 'trainingTrainEpoch', attributes: { epoch: 3 } });
    expect(failed?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'disk full' });
  });
});
