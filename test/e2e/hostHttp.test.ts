import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../devhost/embeddedAzurite.js';
import { hostTestAppMain, makeAppRoot, startHostProcess, type HostProcess } from '../support/hostProcess.js';
import { testConnectionString } from '../support/testStorage.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startHostProcess({
    appRoot: await makeAppRoot(hostTestAppMain),
    port: await freePort(),
    environment: { AzureWebJobsStorage: testConnectionString(), DEVHOST_MAX_REQUEST_BYTES: '1024' },
  });
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

async function problemOf(response: Response): Promise<{ type: string; status: number }> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as { type: string; status: number };
}

describe('the local host serving HTTP triggers', () => {
  it('passes route values, query, headers and body in, and status, headers, cookies and body out', async () => {
    const response = await fetch(`${host.origin}/api/echo/42/first?sort=asc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-header': 'hello' },
      body: JSON.stringify({ value: 1 }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo-method')).toBe('POST');
    expect(response.headers.get('set-cookie')).toBe('session=abc; Path=/; HttpOnly; SameSite=Strict');
    expect(await response.json()).toEqual({
      method: 'POST',
      params: { id: '42', label: 'first' },
      query: { sort: 'asc' },
      header: 'hello',
      body: { value: 1 },
    });
  });

  it('prefers a literal route over a parameter and applies constraints', async () => {
    expect(await (await fetch(`${host.origin}/api/echo/latest`)).json()).toEqual({ literal: true });
    expect((await fetch(`${host.origin}/api/echo/not-a-number`)).status).toBe(404);
  });

  it('answers an unknown route with 404 and a wrong method with 405, as problems', async () => {
    const missing = await fetch(`${host.origin}/api/no/such/route`);
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).type).toBe('urn:wesad-mlops:problem:not-found');
    const outsidePrefix = await fetch(`${host.origin}/echo/1`);
    expect(outsidePrefix.status).toBe(404);

    const wrongMethod = await fetch(`${host.origin}/api/echo/1`, { method: 'PATCH' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST, PUT');
    expect((await problemOf(wrongMethod)).type).toBe('urn:wesad-mlops:problem:method-not-allowed');
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const malformed = await fetch(`${host.origin}/api/echo/1`, { method: 'PUT', body: '{"value": ' });
    expect(malformed.status).toBe(400);
    expect((await problemOf(malformed)).type).toBe('urn:wesad-mlops:problem:invalid-json');

    const oversized = await fetch(`${host.origin}/api/echo/1`, {
      method: 'PUT',
      body: JSON.stringify({ text: 'x'.repeat(2048) }),
    });
    expect(oversized.status).toBe(413);
    expect((await problemOf(oversized)).type).toBe('urn:wesad-mlops:problem:payload-too-large');
  });

  it('turns a throwing function into a 500 problem and keeps serving', async () => {
    const failed = await fetch(`${host.origin}/api/throws`);
    expect(failed.status).toBe(500);
    const problem = await problemOf(failed);
    expect(problem.type).toBe('urn:wesad-mlops:problem:internal');
    expect(JSON.stringify(problem)).not.toContain('deliberate failure');
    expect(host.output()).toContain('deliberate failure in a test function');
    expect((await fetch(`${host.origin}/api/echo/latest`)).status).toBe(200);
  });

  it('answers 204 when a function returns nothing', async () => {
    expect((await fetch(`${host.origin}/api/nothing`, { method: 'DELETE' })).status).toBe(204);
  });
});
