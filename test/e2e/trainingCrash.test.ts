import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../devhost/embeddedAzurite.js';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import { runPaths } from '../../src/domain/runs/checkpointStore.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost, uploadSubjects } from '../support/productHost.js';
import { containerOf, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';

const running: HostProcess[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((host) => host.kill('SIGKILL')));
});

async function startHost(hostId: string, port: number): Promise<HostProcess> {
  // After the kill, the activity that was running is redelivered this soon.
  const host = await startProductHost('trainingcrash', { DEVHOST_DURABLE_VISIBILITY_SECONDS: '4' }, hostId, port);
  running.push(host);
  return host;
}

describe('a training run and a host killed mid-training', () => {
  // Its own waits (2 and 4 minutes) bound it, not the tier's default timeout: a loaded machine trains slower.
  it('resumes from the last finished epoch and completes', { timeout: 420_000 }, async () => {
    const hostId = uniqueName('trainingcrash-');
    const port = await freePort();
    let host = await startHost(hostId, port);
    const subjects = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];
    await uploadSubjects(subjects, 400, 11);
    const started = await fetch(`${host.origin}/api/runs`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
      body: JSON.stringify({
        model: uniqueName('crash-cnn-'),
        params: { epochs: 6, seed: 5 },
        subjects,
        testSubjects: [subjects[2]],
      }),
    });
    const { runId } = (await started.json()) as { runId: string };
    const run = async (): Promise<RunRecord> =>
      (await (
        await fetch(`${host.origin}/api/runs/${runId}`, { headers: bearer(devTokens.researcher) })
      ).json()) as RunRecord;

    await eventually(
      async () => (((await run()).progress?.epoch ?? 0) >= 2 ? true : undefined),
      120_000,
      'epoch 2 to finish',
    );
    await host.kill('SIGKILL');
    const models = containerOf('models');
    const firstCheckpoint = await models.getBlobClient(runPaths.checkpoint(runId, 1)).getProperties();

    host = await startHost(hostId, port);
    const finished = await eventually(
      async () => {
        const current = await run();
        if (current.status === 'failed') throw new Error(`run failed: ${current.error ?? ''}`);
        return current.status === 'succeeded' ? current : undefined;
      },
      240_000,
      'the run to finish after the restart',
    );
    expect(finished.progress).toEqual({ epoch: 6, epochs: 6 });
    expect(finished.modelVersion).toBe('1.0.0');
    // Epoch 1 was not trained again: its checkpoint is the one written before the kill.
    const afterRestart = await models.getBlobClient(runPaths.checkpoint(runId, 1)).getProperties();
    expect(afterRestart.etag).toBe(firstCheckpoint.etag);
    const history = (await (
      await fetch(`${host.origin}/api/runs/${runId}/metrics`, { headers: bearer(devTokens.researcher) })
    ).json()) as {
      epochs: { epoch: number }[];
    };
    expect(history.epochs.map((epoch) => epoch.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
