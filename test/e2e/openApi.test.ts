import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('openapi');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

/** The HTTP routes the host registered, read from the function list it prints at start. */
function registeredRoutes(output: string): string[] {
  const routes: string[] = [];
  for (const match of output.matchAll(/: httpTrigger \[([A-Z,]+)\] http:\/\/[^/]+\/api(\/\S*)/g)) {
    const [, methods = '', path = ''] = match;
    // A catch-all `{*name}` is documented as `{name}`: OpenAPI has no multi-segment template.
    const documentedPath = path.replace(/\{\*(\w+)\}/g, '{$1}');
    for (const method of methods.split(',')) routes.push(`${method.toLowerCase()} ${documentedPath}`);
  }
  return routes.sort();
}

describe('the OpenAPI document', () => {
  it('describes exactly the HTTP routes the app registers', async () => {
    const response = await fetch(`${host.origin}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(registeredRoutes(host.output()));
    expect(documented.length).toBeGreaterThan(10);
  });

  it('carries the request schemas the handlers validate with', async () => {
    const document = (await (await fetch(`${host.origin}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>
      >;
    };
    const assign = document.paths['/models/{name}/stages/{stage}']?.put;
    expect(assign?.requestBody?.content['application/json']?.schema.required).toEqual(['version', 'reason']);
  });
});
