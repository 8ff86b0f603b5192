import { describe, expect, it } from 'vitest';
import type { ContainerClient } from '@azure/storage-blob';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { storeWindowSet } from '../../../src/domain/datasets/windowSetStore.js';
import { trainEpoch } from '../../../src/domain/runExecution/trainingWork.js';
import { runPaths, readModelsBlob } from '../../../src/domain/runs/checkpointStore.js';
import { RunCancelledError } from '../../../src/platform/errors/failureKinds.js';
import { RunStore } from '../../../src/domain/runs/runStore.js';
import { newRunId } from '../../../src/domain/runs/runIds.js';
import { parseTrainingParams } from '../../../src/domain/training/index.js';
import type { StorageClients } from '../../../src/platform/storage/storageClients.js';
import { finishedRun } from '../../support/runFixtures.js';
import { testStorage, uniqueName } from '../../support/testStorage.js';
import { syntheticPickle, uniqueSubjectId } from '../../support/syntheticUploads.js';

const storage = testStorage();

async function stored(subject: string, seed: number) {
  const set = await ingestSubjectPickle([syntheticPickle(subject, 120, seed)], { sourceName: `${subject}.pkl` });
  await storeWindowSet(storage, set);
  return { subject, version: set.version, sourceBlob: '', sourceSha256: '', windows: 0 };
}

/**
 * The app's storage, but writing a run's checkpoint first runs `before`: the moment an epoch has
 * finished training and is about to record itself, which is when a cancellation must still win.
 */
function onCheckpointWrite(path: string, before: () => Promise<void>): StorageClients {
  const blobs = new Proxy(storage.blobs, {
    get(target, property, receiver): unknown {
      if (property !== 'getContainerClient') return Reflect.get(target, property, receiver) as unknown;
      return (name: string): ContainerClient => {
        const container = target.getContainerClient(name);
        return new Proxy(container, {
          get(inner, key, innerReceiver): unknown {
            if (key !== 'getBlockBlobClient') return Reflect.get(inner, key, innerReceiver) as unknown;
            return (blobName: string) => {
              const client = inner.getBlockBlobClient(blobName);
              if (blobName !== path) return client;
              return new Proxy(client, {
                get(blob, member, blobReceiver): unknown {
                  if (member !== 'uploadData') return Reflect.get(blob, member, blobReceiver) as unknown;
                  return async (...args: Parameters<typeof client.uploadData>) => {
                    await before();
                    return blob.uploadData(...args);
                  };
                },
              });
            };
          },
        });
      };
    },
  });
  return { ...storage, blobs, table: (name) => storage.table(name) };
}

describe('an epoch training when its run is cancelled', () => {
  it('finishes its checkpoint but records neither progress nor metrics', async () => {
    const sets = await Promise.all([stored(uniqueSubjectId(), 1), stored(uniqueSubjectId(), 2)]);
    const store = new RunStore(storage);
    const run = finishedRun({
      experiment: uniqueName('cancelled-'),
      runId: newRunId(new Date()),
      status: 'running',
      params: parseTrainingParams({ epochs: 5, seed: 3 }),
      trainSubjects: [sets[0].subject],
      testSubjects: [sets[1].subject],
      datasetSnapshot: { hash: 'h', windowSets: sets },
      progress: { epoch: 0, epochs: 5 },
    });
    await store.create(run);
    const cancelling = onCheckpointWrite(runPaths.checkpoint(run.runId, 1), async () => {
      await store.update(run.runId, (current) => ({ ...current, status: 'cancelled' }));
    });

    await expect(trainEpoch(cancelling, run.runId, 1)).rejects.toBeInstanceOf(RunCancelledError);
    expect(await readModelsBlob(storage, runPaths.checkpoint(run.runId, 1))).toBeDefined();
    expect(await store.metricHistory(run.runId)).toEqual([]);
    expect(await store.get(run.runId)).toMatchObject({ status: 'cancelled', progress: { epoch: 0, epochs: 5 } });
    // A step that starts after the cancellation stops before any work.
    await expect(trainEpoch(storage, run.runId, 2)).rejects.toBeInstanceOf(RunCancelledError);
  });
});
