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

describe('sub-orchestrations and continueAsNew on the local durable engine', () => {
  it('runs a sub-orchestration and hands its output to the parent', async () => {
    const started = await startInstance(host, 'parentOfChild');
    const status = await waitUntilFinished(host, started.id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toEqual({ fromChild: ['Hello Tokyo', 'Hello Seattle', 'Hello London'], square: 9 });
    expect(status.historyEvents?.map((event) => event.EventType)).toContain('SubOrchestrationInstanceCompleted');
  });

  it('restarts with the new input on continueAsNew until the orchestrator returns', async () => {
    const started = await startInstance(host, 'countToThree', 0);
    const status = await waitUntilFinished(host, started.id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toBe(3);
    // Only the last execution's history remains, as with DTFx.
    expect(status.historyEvents?.filter((event) => event.EventType === 'ExecutionStarted')).toHaveLength(1);
  });
});
