import { describe, expect, it } from 'vitest';
import { startInstance, waitUntilFinished, useDurableHost } from '../support/durableHost.js';
import { blobNames, containerOf } from '../support/testStorage.js';

const markers = containerOf('durable-markers');
const durable = useDurableHost();

describe('callActivityWithRetry on the local durable engine', () => {
  it('retries an activity that fails twice and returns what the third attempt returned', async () => {
    const started = await startInstance(durable.host, 'retryFlaky', { failures: 2, attempts: 3 });
    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toEqual({ step: 'flaky', attempt: 3 });
    expect(await blobNames(markers, `attempt/${started.id}/flaky/`)).toHaveLength(3);
    expect(status.historyEvents?.filter((event) => event.EventType === 'TimerFired')).toHaveLength(2);
  });

  it('fails the orchestration with the activity message once the attempts are exhausted', async () => {
    const started = await startInstance(durable.host, 'retryFlaky', { failures: 5, attempts: 2 });
    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.runtimeStatus).toBe('Failed');
    expect(String(status.output)).toContain("Orchestrator function 'retryFlaky' failed");
    expect(String(status.output)).toContain('flaky step flaky failed on attempt 2');
    expect(await blobNames(markers, `attempt/${started.id}/flaky/`)).toHaveLength(2);
  });
});
