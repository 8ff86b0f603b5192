import { parentPort, workerData } from 'node:worker_threads';
import { parseStorageConnection } from '../config/environment.js';
import { createStorageClients } from '../storage/storageClients.js';
import { describeError } from '../errors/describeError.js';
import { evaluateRun, trainEpoch } from './trainingWork.js';
import type { TrainingJob } from './workerJobs.js';

/** Runs one compute job of a run off the host's main thread and posts its result back. */
async function run(job: TrainingJob): Promise<unknown> {
  const storage = createStorageClients(parseStorageConnection(process.env, 'AzureWebJobsStorage'));
  return job.kind === 'trainEpoch' ? trainEpoch(storage, job.runId, job.epoch) : evaluateRun(storage, job.runId);
}

run(workerData as TrainingJob).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) => parentPort?.postMessage({ ok: false, error: describeError(error) }),
);
