import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { trace } from '@opentelemetry/api';
import { inSpan, startTelemetry } from '../../../src/platform/observability/telemetry.js';

const received: string[] = [];
const collector = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    received.push(`${request.method ?? ''} ${request.url ?? ''} ${body}`);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
collector.listen(0, '127.0.0.1');
await once(collector, 'listening');
const address = collector.address();
const port = address !== null && typeof address === 'object' ? address.port : 0;

afterAll(() => {
  trace.disable();
  collector.close();
});

describe('OTLP export', () => {
  it('sends the spans to the configured OTLP/HTTP endpoint', async () => {
    const telemetry = await startTelemetry({
      applicationInsightsConnectionString: undefined,
      applicationInsightsCredential: undefined,
      otlpTracesEndpoint: `http://127.0.0.1:${port}/v1/traces`,
    });
    expect(telemetry.exporters).toEqual(['otlp']);
    await inSpan('ingest upload', { blob: 'S4/S4.pkl' }, () => Promise.resolve());
    await telemetry.flush();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/^POST \/v1\/traces /);
    expect(received[0]).toContain('"name":"ingest upload"');
    expect(received[0]).toContain('S4/S4.pkl');
  });

  it('exports nothing when neither Application Insights nor OTLP is configured', async () => {
    expect(
      (
        await startTelemetry({
          applicationInsightsConnectionString: undefined,
          applicationInsightsCredential: undefined,
          otlpTracesEndpoint: undefined,
        })
      ).exporters,
    ).toEqual([]);
  });
});
