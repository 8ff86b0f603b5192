import { stagedVersionWithoutArtifact } from '../support/stagedVersion.js';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { csvPieces, repeatedLines, streamedZip } from '../support/zipBombs.js';

/**
 * How the API treats request bodies: the caller is known before a body is read, a body is only
 * parsed as the media type it declares, JSON bodies are bounded, and heavy predictions are
 * limited in number rather than queued.
 */

let host: HostProcess;
let model: string;
const researcher = { id: 'researcher-1', name: 'researcher@example.org', roles: ['Researcher'] };

beforeAll(async () => {
  host = await startProductHost('bodies', { WESAD_PREDICT_CONCURRENCY: '1', WESAD_MAX_JSON_BODY_BYTES: '4096' });
  model = uniqueName('bodies-cnn-');
  await stagedVersionWithoutArtifact(model, researcher, 'request body test');
}, 60_000);

afterAll(async () => {
  await host.kill('SIGTERM');
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

async function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Answer> {
  const response = await fetch(`${host.origin}/api/${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('request bodies', () => {
  it('answers an unauthenticated request from its headers, without waiting for its 99 MB body', async () => {
    // Only 1 KB of the announced 99 MB is ever sent: an answer proves the body was not awaited.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${host.origin}/api/runs`, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(99 * 1024 * 1024) },
      });
      const timer = setTimeout(() => {
        reject(new Error('no answer within 10 s: the host waited for the body'));
        request.destroy();
      }, 10_000);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          request.destroy();
        });
      });
      request.on('error', reject);
      request.write(Buffer.alloc(1024, 0x20));
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 401, type: 'urn:wesad-mlops:problem:unauthorized' });
  });

  it('checks the role before it reads the body', async () => {
    // A ComplianceOfficer may not start runs: 403, not the 400 the broken body would earn.
    const answer = await call(
      'POST',
      'runs',
      { ...bearer(devTokens.compliance), 'content-type': 'application/json' },
      '{ not json',
    );
    expect(answer.status).toBe(403);
  });

  it.each([
    ['POST', 'runs'],
    ['PUT', 'models/absent-model/stages/staging'],
    ['PUT', 'experiments/default/continuous-training'],
  ])('refuses a JSON route (%s /api/%s) a body sent as text/plain with 415', async (method, path) => {
    const answer = await call(
      method,
      path,
      { ...bearer(devTokens.researcher), 'content-type': 'text/plain' },
      JSON.stringify({ params: { epochs: 1 }, version: '1.0.0', reason: 'x' }),
    );
    expect(answer.status).toBe(415);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ status: 415, accepted: ['application/json'] });
  });

  it('refuses a prediction body that is neither a zip nor JSON with 415', async () => {
    const answer = await call(
      'POST',
      `models/${model}/stages/development/predict`,
      { ...bearer(devTokens.researcher), 'content-type': 'text/plain' },
      '{"subject":"S2","version":"v"}',
    );
    expect(answer.status).toBe(415);
    expect(answer.body).toMatchObject({ accepted: ['application/zip', 'application/json'] });
  });

  it('refuses a JSON body over the limit with 413 naming it', async () => {
    const answer = await call(
      'POST',
      'runs',
      { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
      JSON.stringify({ params: { epochs: 1 }, padding: 'x'.repeat(8192) }),
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ limit: { setting: 'WESAD_MAX_JSON_BODY_BYTES', value: 4096 } });
  });

  it('turns away a zip prediction beyond the concurrency limit with 503 and Retry-After', async () => {
    // Each zip is refused by the recording-length limit after some parsing; with a limit of one,
    // requests sent together find the first still running.
    const zip = streamedZip([
      {
        name: 'EDA.csv',
        pieces: csvPieces('1495437325.0\n4.0\n', repeatedLines('0.128070\n', 2_000_000)),
      },
    ]);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        call(
          'POST',
          `models/${model}/stages/development/predict`,
          { ...bearer(devTokens.researcher), 'content-type': 'application/zip' },
          zip,
        ),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toContain(413);
    expect(statuses).toContain(503);
    const busy = answers.find((answer) => answer.status === 503);
    expect(busy?.headers['retry-after']).toBe('5');
    expect(busy?.body).toMatchObject({ limit: { setting: 'WESAD_PREDICT_CONCURRENCY', value: 1 } });
    // Once they are done, the next one is let in.
    const after = await call(
      'POST',
      `models/${model}/stages/development/predict`,
      { ...bearer(devTokens.researcher), 'content-type': 'application/zip' },
      zip,
    );
    expect(after.status).toBe(413);
  });
});
