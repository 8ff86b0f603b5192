import { describe, expect, it } from 'vitest';
import { startInstance, waitUntilFinished, useDurableHost } from '../support/durableHost.js';

const durable = useDurableHost();

describe('fan-out/fan-in on the local durable engine', () => {
  it('runs 20 activities in parallel with Task.all and aggregates their results', async () => {
    const started = await startInstance(durable.host, 'fanOutSquares', { count: 20 });
    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.runtimeStatus).toBe('Completed');
    // 1² + 2² + … + 20²
    expect(status.output).toBe(2870);
    expect(status.historyEvents?.filter((event) => event.EventType === 'TaskCompleted')).toHaveLength(20);
  });
});
