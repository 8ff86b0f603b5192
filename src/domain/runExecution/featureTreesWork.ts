import type { StorageClients } from '../../platform/storage/storageClients.js';
import { zipSync } from 'fflate';
import { RunStore } from '../runs/runStore.js';
import { concatenateWindows } from '../runs/windowLoading.js';
import { readModelsBlob, runPaths, writeModelsBlob } from '../runs/checkpointStore.js';
import { notCancelled } from '../runs/runCancellation.js';
import { recordInputProfile } from '../drift/inputProfileStore.js';
import { parseTrainingParams, type TrainingParams } from '../training/index.js';
import { FeatureTrees, type FeatureTreesOptions } from '../training/featureTrees/featureTrees.js';
import { trainingEpochs } from '../training/model/params.js';
import { FEATURE_TREES_FILE } from '../training/featureTrees/artifactFile.js';
import type { EpochSummary } from './trainingProgress.js';
import {
  metricsOf,
  recordHeldOutEvaluation,
  scalarMetrics,
  summaryOf,
  trainingWindows,
  windowsOf,
  type RunEvaluation,
} from './trainingWork.js';

/**
 * The feature baseline's run, through the same pipeline as the CNN's (the worker picks by the
 * run's `family`): its one epoch trains the boosted trees on the training subjects' windows
 * (SMOTE-balanced with the run's seed, as the CNN's) and stores them as the epoch's checkpoint;
 * the evaluation scores the held-out subjects and stores the artifact, a zip holding
 * `feature-trees.json`. Both are idempotent, as the CNN's are.
 */

/** The trees' options from a run's params: rounds and depth as asked, the rest fixed (eta 0.2, 80 % of windows and features per round). */
export function featureTreesOptions(params: TrainingParams): FeatureTreesOptions {
  return {
    rounds: params.rounds ?? 100,
    maxDepth: params.max_depth ?? 4,
    learningRate: 0.2,
    subsample: 0.8,
    featureShare: 0.8,
    seed: params.seed,
  };
}

export function isFeatureTrees(params: Pick<TrainingParams, 'family'>): boolean {
  return params.family === 'feature-trees';
}

/** Whether a run trains the feature baseline (the worker asks before it picks the trainer). */
export async function runIsFeatureTrees(storage: StorageClients, runId: string): Promise<boolean> {
  const run = await new RunStore(storage).require(runId);
  return isFeatureTrees(parseTrainingParams(run.params));
}

export async function trainFeatureTreesEpoch(
  storage: StorageClients,
  runId: string,
  epoch: number,
): Promise<EpochSummary> {
  const store = new RunStore(storage);
  const run = notCancelled(await store.require(runId));
  const params = parseTrainingParams(run.params);
  const existing = (await store.metricHistory(runId)).find((entry) => entry.epoch === epoch);
  if (existing !== undefined && (await readModelsBlob(storage, runPaths.checkpoint(runId, epoch))) !== undefined) {
    return summaryOf(epoch, trainingEpochs(params), existing.train, existing.validation);
  }
  const started = Date.now();
  const windows = await trainingWindows(storage, run, params);
  const trees = await FeatureTrees.train(windows, params.signals, featureTreesOptions(params));
  try {
    const trained = await metricsOf(trees, windows);
    const validationParts = await windowsOf(storage, run, run.validationSubjects, params.signals);
    const validation =
      validationParts.length === 0
        ? {}
        : scalarMetrics(await metricsOf(trees, concatenateWindows(validationParts, params.signals)));
    await writeModelsBlob(
      storage,
      runPaths.checkpoint(runId, epoch),
      Buffer.from(JSON.stringify(trees.toArtifact())),
      'application/json',
    );
    const train = { loss: trained.loss, accuracy: trained.accuracy };
    await store.update(runId, (current) => ({
      ...notCancelled(current),
      progress: { epoch, epochs: trainingEpochs(params) },
    }));
    await store.recordEpoch(runId, { epoch, train, validation, durationSeconds: (Date.now() - started) / 1000 });
    return summaryOf(epoch, trainingEpochs(params), train, validation);
  } finally {
    await trees.dispose();
  }
}

export async function evaluateFeatureTreesRun(storage: StorageClients, runId: string): Promise<RunEvaluation> {
  const store = new RunStore(storage);
  const run = notCancelled(await store.require(runId));
  const params = parseTrainingParams(run.params);
  const stored = await readModelsBlob(storage, runPaths.checkpoint(runId, trainingEpochs(params)));
  if (stored === undefined) throw new Error(`Run ${runId}: no trees were trained.`);
  await recordInputProfile(storage, run, params.signals);
  const trees = await FeatureTrees.fromArtifact(JSON.parse(stored.toString('utf8')));
  try {
    const archive = Buffer.from(zipSync({ [FEATURE_TREES_FILE]: new Uint8Array(stored) }));
    return await recordHeldOutEvaluation(storage, run, params.signals, trees, archive);
  } finally {
    await trees.dispose();
  }
}
