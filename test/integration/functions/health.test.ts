import { beforeAll, describe, expect, it } from 'vitest';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { testConnectionString } from '../../support/testStorage.js';

beforeAll(() => {
  process.env.AzureWebJobsStorage = testConnectionString();
});

describe('the health handler', () => {
  it('answers 200 with the app version and every storage service reachable', async () => {
    const { healthHandler } = await import('../../../functions/health.js');
    const response = await healthHandler(
      new HttpRequest({ method: 'GET', url: 'http://localhost:7071/api/health' }),
      new InvocationContext({ functionName: 'health' }),
    );
    expect(response.status).toBe(200);
    expect(response.jsonBody).toMatchObject({
      status: 'ok',
      app: 'wesad-mlops',
      storage: { blob: { status: 'ok' }, queue: { status: 'ok' }, table: { status: 'ok' } },
    });
  });
});
