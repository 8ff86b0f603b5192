import { describe, expect, it } from 'vitest';
import {
  managementUrl,
  startInstance,
  waitForStatus,
  waitUntilFinished,
  useDurableHost,
} from '../support/durableHost.js';

const durable = useDurableHost();

async function raise(instanceId: string, eventName: string, data: unknown): Promise<number> {
  const response = await fetch(`${durable.host.origin}/api/durable/raise/${instanceId}/${eventName}`, {
    method: 'POST',
    body: JSON.stringify(data),
  });
  return response.status;
}

describe('durable timers and external events on the local durable engine', () => {
  it('resumes after a durable timer, no earlier than it was set for', async () => {
    const started = await startInstance(durable.host, 'durableTimer', { pauseMs: 1500 });
    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.runtimeStatus).toBe('Completed');
    // currentUtcDateTime after the timer is the time of the episode the timer resumed.
    expect(status.output).toBeGreaterThanOrEqual(1500);
  });

  it('approves when the event arrives before the timeout', async () => {
    const started = await startInstance(durable.host, 'approval', { timeoutMs: 60_000 });
    const waiting = await waitForStatus(durable.host, started.id, ['Running']);
    expect(waiting.customStatus).toBe('awaiting approval');
    expect(await raise(started.id, 'Approval', { manager: 'ada' })).toBe(202);
    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.output).toEqual({ approved: true, by: { manager: 'ada' } });
  });

  it('gives up when the timeout fires first, and answers 410 to a late event', async () => {
    const started = await startInstance(durable.host, 'approval', { timeoutMs: 1000 });
    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.output).toEqual({ approved: false });
    const late = await fetch(managementUrl(durable.host, `/instances/${started.id}/raiseEvent/Approval`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(late.status).toBe(410);
    // The DurableClient treats 410 as done, as it does against the extension.
    expect(await raise(started.id, 'Approval', {})).toBe(202);
  });
});
