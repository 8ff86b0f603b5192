import { describe, expect, it } from 'vitest';
import { startInstance, waitUntilFinished, useDurableHost } from '../support/durableHost.js';

const durable = useDurableHost();

describe('non-deterministic orchestrators on the local durable engine', () => {
  it('fails an orchestrator whose replay schedules another activity, with the DTFx message', async () => {
    const started = await startInstance(durable.host, 'branchesOnTheClock');
    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.runtimeStatus).toBe('Failed');
    expect(String(status.output)).toContain('Non-Deterministic workflow detected');
    expect(String(status.output)).toContain(
      "scheduled an activity task with sequence number 0 named 'markStep', but the current orchestration replay instead scheduled an activity task named 'square'",
    );
  });
});
