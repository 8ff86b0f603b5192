import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import { durableAppRoot, startDurableHost, startInstance, waitUntilFinished } from '../support/durableHost.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startDurableHost(await durableAppRoot());
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

describe('fan-out/fan-in on the local durable engine', () => {
  it('runs 20 activities in parallel with Task.all and aggregates their results', async () => {
    const started = await startInstance(host, 'fanOutSquares', { count: 20 });
    const status = await waitUntilFinished(host, started.id);
    expect(status.runtimeStatus).toBe('Completed');
    // 1² + 2² + … + 20²
    expect(status.output).toBe(2870);
    expect(status.historyEvents?.filter((event) => event.EventType === 'TaskCompleted')).toHaveLength(20);
  });
});
