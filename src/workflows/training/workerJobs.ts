import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import type { ModelVersion } from '../../domain/registry/registryRecords.js';
import { errorOfKind, type FailureKind } from '../../platform/errors/failureKinds.js';

export type TrainingJob =
  | { kind: 'trainEpoch'; runId: string; epoch: number }
  | { kind: 'evaluateRun'; runId: string }
  | { kind: 'evaluateChampion'; runId: string; version: ModelVersion };

/**
 * Runs a training job on a worker thread: an epoch takes seconds to minutes of CPU, which on the
 * host's own thread would stall every HTTP request meanwhile.
 */
export async function runOnWorker<T>(job: TrainingJob): Promise<T> {
  const worker = new Worker(new URL('./trainingWorker.js', import.meta.url), { workerData: job });
  try {
    const [message] = (await once(worker, 'message')) as [
      { ok: boolean; result?: T; error?: string; kind?: FailureKind },
    ];
    // The error's class stays in the worker; its kind comes along, so retries stay for transient faults.
    if (!message.ok) throw errorOfKind(message.kind ?? 'permanent', message.error ?? 'The training worker failed.');
    return message.result as T;
  } finally {
    await worker.terminate();
  }
}
