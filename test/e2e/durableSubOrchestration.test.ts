import { describe, expect, it } from 'vitest';
import { startInstance, waitUntilFinished, useDurableHost } from '../support/durableHost.js';

const durable = useDurableHost();

describe('sub-orchestrations and continueAsNew on the local durable engine', () => {
  it('runs a sub-orchestration and hands its output to the parent', async () => {
    const started = await startInstance(durable.host, 'parentOfChild');
    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toEqual({ fromChild: ['Hello Tokyo', 'Hello Seattle', 'Hello London'], square: 9 });
    expect(status.historyEvents?.map((event) => event.EventType)).toContain('SubOrchestrationInstanceCompleted');
  });

  it('restarts with the new input on continueAsNew until the orchestrator returns', async () => {
    const started = await startInstance(durable.host, 'countToThree', 0);
    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toBe(3);
    // Only the last execution's history remains, as with DTFx.
    expect(status.historyEvents?.filter((event) => event.EventType === 'ExecutionStarted')).toHaveLength(1);
  });
});
