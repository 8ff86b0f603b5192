import { describe, expect, it } from 'vitest';
import { readStatus, startInstance, waitUntilFinished, useDurableHost } from '../support/durableHost.js';

const durable = useDurableHost();

describe('function chaining on the local durable engine', () => {
  it('runs activities in sequence and reports the output with 200 once done', async () => {
    const started = await startInstance(durable.host, 'helloSequence');
    expect(started.status).toBe(202);
    expect(started.location).toBe(started.statusQueryGetUri);
    expect(started.statusQueryGetUri).toContain(`/runtime/webhooks/durabletask/instances/${started.id}`);

    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toEqual(['Hello Tokyo', 'Hello Seattle', 'Hello London']);
    expect(status.historyEvents?.filter((event) => event.EventType === 'TaskCompleted')).toHaveLength(3);
    expect((await readStatus(durable.host, started.id)).code).toBe(200);
  });

  it('builds management links for the host it runs on, not localhost:7071', async () => {
    const response = await fetch(`${durable.host.origin}/api/durable/start/helloSequence?payload=true`, {
      method: 'POST',
    });
    const payload = (await response.json()) as { id: string; statusQueryGetUri: string };
    expect(
      payload.statusQueryGetUri.startsWith(
        `${durable.host.origin}/runtime/webhooks/durabletask/instances/${payload.id}`,
      ),
    ).toBe(true);
    expect((await waitUntilFinished(durable.host, payload.id)).runtimeStatus).toBe('Completed');
  });

  it('reads the status through the DurableClient of an HTTP function', async () => {
    const started = await startInstance(durable.host, 'helloSequence', undefined, 'chaining-by-client');
    await waitUntilFinished(durable.host, started.id);
    const response = await fetch(`${durable.host.origin}/api/durable/status/${started.id}`);
    expect(response.status).toBe(200);
    const status = (await response.json()) as { runtimeStatus: string; output: unknown; history: unknown[] };
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toEqual(['Hello Tokyo', 'Hello Seattle', 'Hello London']);
    expect(status.history.length).toBeGreaterThan(0);
  });
});
