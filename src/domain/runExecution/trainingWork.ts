import type { EpochSummary } from './trainingProgress.js';
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { RunStore } from '../runs/runStore.js';
import type { RunRecord } from '../runs/runRecords.js';
import {
  classificationMetrics,
  applySmotePlan,
  parseTrainingParams,
  type ClassificationMetrics,
  type Signal,
  type TrainingParams,
  type WindowSet,
} from '../training/index.js';
import { EmbeddedModel } from '../training/engine/embeddedModel.js';
import { embeddedModelFiles } from '../training/backends/embeddedBackend.js';
import { WEIGHTS_FILE } from '../training/serialization/layersFormat.js';
import { MODEL_JSON_FILE } from '../training/serialization/modelFiles.js';
import { decodeCheckpoint, encodeCheckpoint } from '../training/engine/trainingCheckpoint.js';
import { concatenateWindows, loadSubjectWindows, type SubjectWindows } from '../runs/windowLoading.js';
import { readModelsBlob, runPaths, writeModelsBlob } from '../runs/checkpointStore.js';
import { snapshotVersionOf } from '../runs/datasetSnapshot.js';
import { smotePlanOfRun } from '../runs/smotePlanStore.js';
import { recordInputProfile } from '../drift/inputProfileStore.js';
import { notCancelled } from '../runs/runCancellation.js';
import { prefixed, scalarMetrics } from './metricNames.js';

export { prefixed, scalarMetrics };

/**
 * The compute of a run, done on a worker thread so the host keeps serving: one epoch from the
 * previous epoch's checkpoint, and the final evaluation. Both are idempotent: an epoch whose
 * checkpoint exists is not trained again, and the evaluation rewrites the same files.
 */

function paramsOf(run: RunRecord): TrainingParams {
  return parseTrainingParams(run.params);
}

export async function windowsOf(
  storage: StorageClients,
  run: RunRecord,
  subjects: readonly string[],
  signals: readonly Signal[],
): Promise<SubjectWindows[]> {
  return Promise.all(
    subjects.map((subject) => loadSubjectWindows(storage, subject, snapshotVersionOf(run, subject), signals)),
  );
}

/** The training windows: training subjects only, balanced by SMOTE seeded with the run's seed. */
export async function trainingWindows(
  storage: StorageClients,
  run: RunRecord,
  params: TrainingParams,
): Promise<WindowSet> {
  const parts = await windowsOf(storage, run, run.trainSubjects, params.signals);
  const windows = concatenateWindows(parts, params.signals);
  return applySmotePlan(windows, await smotePlanOfRun(storage, run.runId, windows, { seed: params.seed }));
}

export async function trainEpoch(storage: StorageClients, runId: string, epoch: number): Promise<EpochSummary> {
  const store = new RunStore(storage);
  const run = notCancelled(await store.require(runId));
  const params = paramsOf(run);
  const existing = (await store.metricHistory(runId)).find((entry) => entry.epoch === epoch);
  if (existing !== undefined && (await readModelsBlob(storage, runPaths.checkpoint(runId, epoch))) !== undefined) {
    return summaryOf(epoch, params.epochs, existing.train, existing.validation);
  }
  const started = Date.now();
  const model = await EmbeddedModel.create(params, { threads: 1 });
  try {
    const previous = epoch === 1 ? undefined : await readModelsBlob(storage, runPaths.checkpoint(runId, epoch - 1));
    if (epoch > 1 && previous === undefined)
      throw new Error(`Run ${runId}: the checkpoint of epoch ${epoch - 1} is missing.`);
    const session = model.startTraining(previous === undefined ? undefined : decodeCheckpoint(previous));
    const log = await session.runEpoch(await trainingWindows(storage, run, params));
    const checkpoint = session.checkpoint();
    const validationParts = await windowsOf(storage, run, run.validationSubjects, params.signals);
    const validation =
      validationParts.length === 0
        ? undefined
        : await metricsOf(model, concatenateWindows(validationParts, params.signals));
    await writeModelsBlob(
      storage,
      runPaths.checkpoint(runId, epoch),
      encodeCheckpoint(checkpoint),
      'application/octet-stream',
    );
    const train = { loss: log.loss, accuracy: log.accuracy };
    const validationMetrics = validation === undefined ? {} : scalarMetrics(validation);
    // Progress first, under the run's ETag and only while it is not cancelled: an epoch that was
    // still training when the run was cancelled records nothing.
    await store.update(runId, (current) => ({
      ...notCancelled(current),
      progress: { epoch, epochs: params.epochs },
    }));
    await store.recordEpoch(runId, {
      epoch,
      train,
      validation: validationMetrics,
      durationSeconds: (Date.now() - started) / 1000,
    });
    return summaryOf(epoch, params.epochs, train, validationMetrics);
  } finally {
    await model.dispose();
  }
}

export interface RunEvaluation {
  test: ClassificationMetrics;
  perSubject: { subject: string; windows: number; metrics: Omit<ClassificationMetrics, 'roc'> }[];
  artifactPath: string;
  artifactSha256: string;
}

/** Evaluates the last checkpoint on the held-out subjects and saves the model artifact. */
export async function evaluateRun(storage: StorageClients, runId: string): Promise<RunEvaluation> {
  const store = new RunStore(storage);
  const run = notCancelled(await store.require(runId));
  const params = paramsOf(run);
  const last = await readModelsBlob(storage, runPaths.checkpoint(runId, params.epochs));
  if (last === undefined) throw new Error(`Run ${runId}: no checkpoint of the last epoch.`);
  await recordInputProfile(storage, run, params.signals);
  const model = await EmbeddedModel.create(params, { threads: 1 });
  try {
    model.startTraining(decodeCheckpoint(last));
    const files = await embeddedModelFiles(model, params);
    const archive = Buffer.from(
      zipSync({ [MODEL_JSON_FILE]: Buffer.from(JSON.stringify(files.modelJson)), [WEIGHTS_FILE]: files.weightsBin }),
    );
    return await recordHeldOutEvaluation(storage, run, params.signals, model, archive);
  } finally {
    await model.dispose();
  }
}

/**
 * Scores a run's trained model on its held-out subjects (all together and each alone), stores the
 * model's artifact and the evaluation, and records the test metrics on the run. Idempotent: a retry
 * rewrites the same files and metrics.
 */
export async function recordHeldOutEvaluation(
  storage: StorageClients,
  run: RunRecord,
  signals: readonly Signal[],
  model: { predict(windows: WindowSet): Promise<Float32Array> },
  archive: Buffer,
): Promise<RunEvaluation> {
  const parts = await windowsOf(storage, run, run.testSubjects, signals);
  const perSubject = [];
  for (const part of parts) {
    const { roc: _roc, ...metrics } = await metricsOf(model, part.windows);
    perSubject.push({ subject: part.subject, windows: part.windows.count, metrics });
  }
  const test = await metricsOf(model, concatenateWindows(parts, signals));
  const artifactSha256 = createHash('sha256').update(archive).digest('hex');
  await writeModelsBlob(storage, runPaths.artifact(run.runId), archive, 'application/zip');
  const evaluation: RunEvaluation = { test, perSubject, artifactPath: runPaths.artifact(run.runId), artifactSha256 };
  await writeModelsBlob(
    storage,
    runPaths.evaluation(run.runId),
    Buffer.from(JSON.stringify(evaluation)),
    'application/json',
  );
  await new RunStore(storage).update(run.runId, (current) => ({
    ...current,
    metrics: { ...current.metrics, ...prefixed('test', scalarMetrics(test)) },
  }));
  return evaluation;
}

/** Metrics of any model that predicts windows: the run's own, or a registered champion's. */
export async function metricsOf(
  model: { predict(windows: WindowSet): Promise<Float32Array> },
  windows: WindowSet,
): Promise<ClassificationMetrics> {
  return classificationMetrics(windows.labels, await model.predict(windows));
}

/** What an epoch tells the orchestration (its custom status) from its recorded metrics. */
export function summaryOf(
  epoch: number,
  epochs: number,
  train: Record<string, number>,
  validation: Record<string, number>,
): EpochSummary {
  return {
    epoch,
    epochs,
    trainLoss: train.loss ?? Number.NaN,
    trainAccuracy: train.accuracy ?? Number.NaN,
    validationLoss: validation.loss ?? null,
    validationAuc: validation.auc ?? null,
  };
}
