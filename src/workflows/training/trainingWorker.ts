import { parentPort, workerData } from 'node:worker_threads';
import { parseStorageConnection } from '../../platform/config/environment.js';
import { createStorageClients } from '../../platform/storage/storageClients.js';
import { describeError } from '../../platform/errors/describeError.js';
import { failureKindOf } from '../../platform/errors/failureKinds.js';
import { evaluateRun, trainEpoch } from '../../domain/runExecution/trainingWork.js';
import { evaluateChampion } from '../../domain/runExecution/championEvaluation.js';
import {
  evaluateFeatureTreesRun,
  runIsFeatureTrees,
  trainFeatureTreesEpoch,
} from '../../domain/runExecution/featureTreesWork.js';
import type { TrainingJob } from './workerJobs.js';

/** Runs one compute job of a run off the host's main thread and posts its result back. */
async function run(job: TrainingJob): Promise<unknown> {
  const storage = createStorageClients(parseStorageConnection(process.env, 'AzureWebJobsStorage'));
  switch (job.kind) {
    case 'trainEpoch':
      return (await runIsFeatureTrees(storage, job.runId))
        ? trainFeatureTreesEpoch(storage, job.runId, job.epoch)
        : trainEpoch(storage, job.runId, job.epoch);
    case 'evaluateRun':
      return (await runIsFeatureTrees(storage, job.runId))
        ? evaluateFeatureTreesRun(storage, job.runId)
        : evaluateRun(storage, job.runId);
    case 'evaluateChampion':
      return evaluateChampion(storage, job.runId, job.version);
  }
}

run(workerData as TrainingJob).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) => parentPort?.postMessage({ ok: false, error: describeError(error), kind: failureKindOf(error) }),
);
