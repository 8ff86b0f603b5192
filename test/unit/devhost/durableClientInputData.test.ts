import { describe, expect, it } from 'vitest';
import { durableClientInputData } from '../../../devhost/durable/clientInputData.js';

/**
 * What the `durableClient` binding hands the JS library (OrchestrationClientInputData in
 * azure-functions-durable-js; "HTTP features", durable-functions-http-features): the public
 * creation and management URLs carry taskHub, connection and the system key as `code`, as
 * `requiredQueryStringParameters` says; `rpcBaseUrl` is the extension's loopback listener,
 * which the library calls without any key.
 */
describe('the durableClient binding data', () => {
  const data = JSON.parse(
    durableClientInputData(
      'http://127.0.0.1:7181',
      'http://127.0.0.1:40001',
      { taskHubName: 'Hub', connectionName: 'Storage' },
      'k/y+',
    ),
  ) as {
    creationUrls: Record<string, string>;
    managementUrls: Record<string, string>;
    requiredQueryStringParameters: string;
    rpcBaseUrl: string;
    baseUrl: string;
  };

  it('puts the system key, URL-encoded, in every public URL', () => {
    expect(data.requiredQueryStringParameters).toBe('taskHub=Hub&connection=Storage&code=k%2Fy%2B');
    const urls = [
      ...Object.values(data.creationUrls),
      ...Object.entries(data.managementUrls)
        .filter(([name]) => name !== 'id')
        .map(([, url]) => url),
    ];
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) {
      expect(url.startsWith('http://127.0.0.1:7181/runtime/webhooks/durabletask/')).toBe(true);
      expect(url).toContain('code=k%2Fy%2B');
    }
  });

  it('points the client’s calls at the loopback listener, with no key', () => {
    expect(data.rpcBaseUrl).toBe('http://127.0.0.1:40001/durabletask/');
    expect(data.rpcBaseUrl).not.toContain('code=');
  });
});
