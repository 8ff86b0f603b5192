import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import {
  durableAppRoot,
  readStatus,
  startDurableHost,
  startInstance,
  statusUrl,
  waitForStatus,
  waitUntilFinished,
} from '../support/durableHost.js';

let host: HostProcess;
const webhooks = (): string => `${host.origin}/runtime/webhooks/durabletask`;

beforeAll(async () => {
  host = await startDurableHost(await durableAppRoot());
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

describe('the Durable management API of the local host', () => {
  it('answers 202 with Location while running, then terminates the instance', async () => {
    const started = await startInstance(host, 'waitsForever');
    await waitForStatus(host, started.id, ['Running']);
    const running = await fetch(statusUrl(host, started.id));
    expect(running.status).toBe(202);
    expect(running.headers.get('location')).toBe(statusUrl(host, started.id));

    expect((await fetch(`${host.origin}/api/durable/terminate/${started.id}`, { method: 'POST' })).status).toBe(202);
    const status = await waitUntilFinished(host, started.id);
    expect(status.runtimeStatus).toBe('Terminated');
    expect(status.output).toBe('stopped by a test');
  });

  it('purges a finished instance, after which it is unknown (404)', async () => {
    const started = await startInstance(host, 'helloSequence');
    await waitUntilFinished(host, started.id);
    const purged = await fetch(`${host.origin}/api/durable/purge/${started.id}`, { method: 'DELETE' });
    expect(await purged.json()).toEqual({ instancesDeleted: 1 });
    expect((await readStatus(host, started.id)).code).toBe(404);
    const again = await fetch(`${host.origin}/api/durable/purge/${started.id}`, { method: 'DELETE' });
    expect(await again.json()).toEqual({ instancesDeleted: 0 });
  });

  it('shows the input unless showInput=false', async () => {
    const started = await startInstance(host, 'helloSequence', { region: 'eu' });
    await waitUntilFinished(host, started.id);
    expect((await readStatus(host, started.id)).body.input).toEqual({ region: 'eu' });
    expect((await readStatus(host, started.id, '?showInput=false')).body.input).toBeNull();
  });

  it('answers 400 for an unknown orchestrator and 404 for unknown instances', async () => {
    const unknown = await fetch(`${webhooks()}/orchestrators/noSuchOrchestrator`, { method: 'POST', body: '' });
    expect(unknown.status).toBe(400);
    expect((await fetch(statusUrl(host, 'no-such-instance'))).status).toBe(404);
    const raise = await fetch(`${webhooks()}/instances/no-such-instance/raiseEvent/Approval`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(raise.status).toBe(404);
  });

  it('lists instances page by page with a continuation token, and through getStatusBy', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) ids.push((await startInstance(host, 'helloSequence')).id);
    for (const id of ids) await waitUntilFinished(host, id);

    const seen: string[] = [];
    let token: string | null = null;
    do {
      const page: Response = await fetch(
        `${webhooks()}/instances/?top=2&runtimeStatus=Completed&createdTimeFrom=${from}`,
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

    const listed = (await (await fetch(`${host.origin}/api/durable/list?from=${from}`)).json()) as {
      instanceId: string;
    }[];
    expect(listed.map((status) => status.instanceId)).toEqual(expect.arrayContaining(ids));
  });
});
