import { describe, expect, it } from 'vitest';
import {
  readStatus,
  startInstance,
  statusUrl,
  waitForStatus,
  waitUntilFinished,
  useDurableHost,
} from '../support/durableHost.js';

const durable = useDurableHost();
const webhooks = (): string => `${durable.host.origin}/runtime/webhooks/durabletask`;

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
    const unknown = await fetch(`${webhooks()}/orchestrators/noSuchOrchestrator`, { method: 'POST', body: '' });
    expect(unknown.status).toBe(400);
    expect((await fetch(statusUrl(durable.host, 'no-such-instance'))).status).toBe(404);
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
    for (let index = 0; index < 3; index++) ids.push((await startInstance(durable.host, 'helloSequence')).id);
    for (const id of ids) await waitUntilFinished(durable.host, id);

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

    const listed = (await (await fetch(`${durable.host.origin}/api/durable/list?from=${from}`)).json()) as {
      instanceId: string;
    }[];
    expect(listed.map((status) => status.instanceId)).toEqual(expect.arrayContaining(ids));
  });
});
