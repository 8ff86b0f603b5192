import { describe, expect, it } from 'vitest';
import {
  readStatus,
  startInstance,
  statusUrl,
  waitForStatus,
  waitUntilFinished,
  useDurableHost,
  managementUrl,
} from '../support/durableHost.js';

const durable = useDurableHost();

describe('the Durable management API of the local host', () => {
  it('answers 202 with Location while running, then terminates the instance', async () => {
    const started = await startInstance(durable.host, 'waitsForever');
    await waitForStatus(durable.host, started.id, ['Running']);
    const running = await fetch(statusUrl(durable.host, started.id));
    expect(running.status).toBe(202);
    expect(running.headers.get('location')).toBe(statusUrl(durable.host, started.id));

    expect((await fetch(`${durable.host.origin}/api/durable/terminate/${started.id}`, { method: 'POST' })).status).toBe(
      202,
    );
    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.runtimeStatus).toBe('Terminated');
    expect(status.output).toBe('stopped by a test');
  });

  it('purges a finished instance, after which it is unknown (404)', async () => {
    const started = await startInstance(durable.host, 'helloSequence');
    await waitUntilFinished(durable.host, started.id);
    const purged = await fetch(`${durable.host.origin}/api/durable/purge/${started.id}`, { method: 'DELETE' });
    expect(await purged.json()).toEqual({ instancesDeleted: 1 });
    expect((await readStatus(durable.host, started.id)).code).toBe(404);
    const again = await fetch(`${durable.host.origin}/api/durable/purge/${started.id}`, { method: 'DELETE' });
    expect(await again.json()).toEqual({ instancesDeleted: 0 });
  });

  it('shows the input unless showInput=false', async () => {
    const started = await startInstance(durable.host, 'helloSequence', { region: 'eu' });
    await waitUntilFinished(durable.host, started.id);
    expect((await readStatus(durable.host, started.id)).body.input).toEqual({ region: 'eu' });
    expect((await readStatus(durable.host, started.id, '?showInput=false')).body.input).toBeNull();
  });

  it('answers 400 for an unknown orchestrator and 404 for unknown instances', async () => {
    const unknown = await fetch(managementUrl(durable.host, '/orchestrators/noSuchOrchestrator'), {
      method: 'POST',
      body: '',
    });
    expect(unknown.status).toBe(400);
    expect((await fetch(statusUrl(durable.host, 'no-such-instance'))).status).toBe(404);
    const raise = await fetch(managementUrl(durable.host, '/instances/no-such-instance/raiseEvent/Approval'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(raise.status).toBe(404);
  });

  it('lists instances page by page with a continuation token, and through getStatusBy', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) ids.push((await startInstance(durable.host, 'helloSequence')).id);
    for (const id of ids) await waitUntilFinished(durable.host, id);

    const seen: string[] = [];
    let token: string | null = null;
    do {
      const page: Response = await fetch(
        managementUrl(durable.host, '/instances/', `top=2&runtimeStatus=Completed&createdTimeFrom=${from}`),
        {
          headers: token === null ? {} : { 'x-ms-continuation-token': token },
        },
      );
      expect(page.status).toBe(200);
      const statuses = (await page.json()) as { instanceId: string }[];
      expect(statuses.length).toBeLessThanOrEqual(2);
      seen.push(...statuses.map((status) => status.instanceId));
      token = page.headers.get('x-ms-continuation-token');
    } while (token !== null && token !== '');
    expect(seen).toEqual(expect.arrayContaining(ids));

    const listed = (await (await fetch(`${durable.host.origin}/api/durable/list?from=${from}`)).json()) as {
      instanceId: string;
    }[];
    expect(listed.map((status) => status.instanceId)).toEqual(expect.arrayContaining(ids));
  });
});

/**
 * "HTTP API reference" (durable-functions-http-api): the management API is an extension webhook
 * the host authorizes with the `systemKey` (`code`), or the master key; "Work with access keys"
 * (function-keys-how-to): a key goes in the `code` query parameter or the `x-functions-key`
 * header. Without one the host refuses the request before the extension acts on it.
 */
describe('the management API is closed without the system key', () => {
  const webhook = (path: string, query = ''): string =>
    `${durable.host.origin}/runtime/webhooks/durabletask${path}${query === '' ? '' : `?${query}`}`;

  it('answers 401 on every route without a key or with a wrong one, and changes nothing', async () => {
    const started = await startInstance(durable.host, 'waitsForever');
    await waitForStatus(durable.host, started.id, ['Running']);
    const routes: [string, string][] = [
      ['GET', '/instances/'],
      ['DELETE', '/instances/'],
      ['GET', `/instances/${started.id}`],
      ['DELETE', `/instances/${started.id}`],
      ['POST', `/instances/${started.id}/terminate`],
      ['POST', `/instances/${started.id}/raiseEvent/Approval`],
      ['POST', '/orchestrators/helloSequence'],
      ['POST', `/instances/${started.id}/suspend`],
    ];
    for (const [method, path] of routes) {
      for (const query of ['', 'code=not-the-key', `code=${durable.host.keys.durableSystemKey}x`]) {
        const response = await fetch(webhook(path, query), { method, body: method === 'GET' ? null : '{}' });
        expect(response.status, `${method} ${path}?${query}`).toBe(401);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
    }
    // The refused terminate did not stop the instance.
    expect((await readStatus(durable.host, started.id)).body.runtimeStatus).toBe('Running');
    expect((await fetch(`${durable.host.origin}/api/durable/terminate/${started.id}`, { method: 'POST' })).status).toBe(
      202,
    );
    await waitUntilFinished(durable.host, started.id);
  });

  it('admits the system key as code and the master key as x-functions-key', async () => {
    const byCode = await fetch(webhook('/instances/', `top=1&code=${durable.host.keys.durableSystemKey}`));
    expect(byCode.status).toBe(200);
    const byMaster = await fetch(webhook('/instances/', 'top=1'), {
      headers: { 'x-functions-key': durable.host.keys.master },
    });
    expect(byMaster.status).toBe(200);
  });

  it('hands the app management links that carry the key and work as given', async () => {
    const response = await fetch(`${durable.host.origin}/api/durable/start/helloSequence?payload=true`, {
      method: 'POST',
    });
    const payload = (await response.json()) as { id: string; statusQueryGetUri: string };
    expect(new URL(payload.statusQueryGetUri).searchParams.get('code')).toBe(durable.host.keys.durableSystemKey);
    await waitUntilFinished(durable.host, payload.id);
    expect((await fetch(payload.statusQueryGetUri)).status).toBe(200);
  });

  it('answers 400 to a malformed percent-encoding, on the management API and on app routes', async () => {
    const management = await fetch(managementUrl(durable.host, '/instances/%E0%A4%A'));
    expect(management.status).toBe(400);
    const route = await fetch(`${durable.host.origin}/api/durable/status/%zz`);
    expect(route.status).toBe(400);
    expect(route.headers.get('content-type')).toBe('application/problem+json');
  });
});
