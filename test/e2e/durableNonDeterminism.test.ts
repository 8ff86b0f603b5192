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

describe('non-deterministic orchestrators on the local durable engine', () => {
  it('fails an orchestrator whose replay schedules another activity, with the DTFx message', async () => {
    const started = await startInstance(host, 'branchesOnTheClock');
    const status = await waitUntilFinished(host, started.id);
    expect(status.runtimeStatus).toBe('Failed');
    expect(String(status.output)).toContain('Non-Deterministic workflow detected');
    expect(String(status.output)).toContain(
      "scheduled an activity task with sequence number 0 named 'markStep', but the current orchestration replay instead scheduled an activity task named 'square'",
    );
  });
});
