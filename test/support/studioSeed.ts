import type { StorageClients } from '../../src/platform/storage/storageClients.js';
import { RunStore } from '../../src/domain/runs/runStore.js';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import { runPaths, writeModelsBlob } from '../../src/domain/runs/checkpointStore.js';
import { ModelRegistry } from '../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../src/domain/registry/registryConfig.js';
import { DriftHistory } from '../../src/domain/drift/driftHistory.js';
import { UploadLedger } from '../../src/domain/datasets/uploadLedger.js';
import { finishedRun } from './runFixtures.js';
import { uniqueName } from './testStorage.js';

export interface StudioFixture {
  experiment: string;
  runs: RunRecord[];
  /** Runs of the experiment with test_auc above 0.9. */
  aboveNinety: string[];
  /** The run with learning curves, ROC and confusion matrix stored. */
  evaluatedRunId: string;
  model: string;
  /** A failed upload of wesad-raw, with its errorCode and reason. */
  failedUpload: string;
}

const researcher = { id: 'researcher-1', name: 'researcher@example.org', roles: ['Researcher'] };

/**
 * What the studio's browser tests look at, stored as the app stores it: twelve finished runs of a
 * fresh experiment (learning rate and activation varied, test_auc 0.8 to 0.965), epoch metrics and
 * a held-out evaluation for two of them, and a model with a version that passes the production
 * gate (test_auc 0.965) and one that does not (0.8), both from runs researcher-1 created.
 */
export async function seedStudio(storage: StorageClients): Promise<StudioFixture> {
  const experiment = uniqueName('studio-');
  const model = uniqueName('studio-cnn-');
  const base = Date.parse('2026-11-01T08:00:00Z');
  const runs = Array.from({ length: 12 }, (_, index) =>
    finishedRun(
      {
        experiment,
        params: {
          learning_rate: 0.001 * (index + 1),
          epochs: 3,
          batch_size: 32,
          activation: index % 2 ? 'elu' : 'relu',
        },
        metrics: { test_auc: 0.8 + index * 0.015, test_accuracy: 0.7 + index * 0.01 },
        modelName: model,
        trainSubjects: ['S2', 'S3'],
        validationSubjects: ['S4'],
        testSubjects: ['S5'],
      },
      new Date(base + index * 60_000),
    ),
  );
  const store = new RunStore(storage);
  await store.importBatch(runs);
  const [first, second] = runs;
  const last = runs[runs.length - 1];
  if (first === undefined || second === undefined || last === undefined) throw new Error('no runs seeded');
  for (const [offset, run] of [first, second].entries()) {
    for (let epoch = 1; epoch <= 3; epoch++) {
      await store.recordEpoch(run.runId, {
        epoch,
        train: { loss: 0.7 / epoch, accuracy: 0.6 + epoch * 0.1 },
        validation: { loss: 0.75 / epoch + offset * 0.05, accuracy: 0.55 + epoch * 0.1 - offset * 0.03 },
        durationSeconds: 1,
      });
    }
  }
  const confusion = { truePositives: 40, falsePositives: 5, trueNegatives: 50, falseNegatives: 5 };
  const metrics = { loss: 0.3, accuracy: 0.9, precision: 0.89, recall: 0.89, f1: 0.89, rocAuc: 0.8, confusion };
  await writeModelsBlob(
    storage,
    runPaths.evaluation(first.runId),
    Buffer.from(
      JSON.stringify({
        test: {
          ...metrics,
          roc: [
            { falsePositiveRate: 0, truePositiveRate: 0, threshold: null },
            { falsePositiveRate: 0.1, truePositiveRate: 0.7, threshold: 0.6 },
            { falsePositiveRate: 1, truePositiveRate: 1, threshold: 0 },
          ],
        },
        perSubject: [{ subject: 'S5', windows: 100, metrics }],
        artifactPath: runPaths.artifact(first.runId),
        artifactSha256: '0'.repeat(64),
      }),
    ),
    'application/json',
  );
  const registry = new ModelRegistry(storage, parseRegistryConfig({}));
  for (const run of [last, first]) {
    await registry.register(
      {
        model,
        runId: run.runId,
        datasetSnapshot: 'snapshot',
        artifactPath: runPaths.artifact(run.runId),
        artifactSha256: '0'.repeat(64),
        metrics: run.metrics,
        runCreatedBy: run.createdBy,
      },
      researcher,
    );
  }
  // Three scored predictions of 1.0.0, the last with EDA shifted past the threshold.
  const drift = new DriftHistory(storage);
  for (const [index, shift] of [0.4, 1.2, 4.8].entries()) {
    const signal = (meanShiftInStd: number) => ({
      psi: 0.1,
      meanShiftInStd,
      flagged: meanShiftInStd > 3.5,
      reasons: [],
      invalidValues: 0,
      trainingMean: 1,
      trainingStd: 1,
    });
    await drift.append(
      model,
      '1.0.0',
      {
        threshold: 3.5,
        flagged: shift > 3.5,
        signals: { EDA: signal(shift), BVP: signal(0.1), TEMP: signal(0.3), ACC: signal(0.2) },
      },
      { createdAt: new Date(base + index * 3_600_000), inputKind: 'stored', windows: 40 },
    );
  }
  const failedUpload = `${uniqueName('studio-')}/broken.pkl`;
  await new UploadLedger(storage).put({
    container: 'wesad-raw',
    blobName: failedUpload,
    etag: '"0x1"',
    kind: 'subject-pickle',
    status: 'failed',
    sizeBytes: 10,
    sha256: 'a'.repeat(64),
    subject: null,
    version: null,
    errorCode: 'NOT_A_PICKLE',
    reason: 'The upload is not a pickle.',
    attempts: 1,
    updatedAt: new Date(base).toISOString(),
  });
  return {
    failedUpload,
    experiment,
    runs,
    aboveNinety: runs.filter((run) => (run.metrics.test_auc ?? 0) > 0.9).map((run) => run.runId),
    evaluatedRunId: first.runId,
    model,
  };
}
