import type { StorageClients } from '../storage/storageClients.js';
import type { Actor } from '../registry/registryRecords.js';
import { RunStore } from '../tracking/runStore.js';
import { newRunId } from '../tracking/runIds.js';
import type { RunRecord } from '../tracking/runRecords.js';
import { appVersion } from '../appVersion.js';
import { parseRunParams, type RunRequest } from './runRequest.js';

/** Records a queued run; the orchestration then fixes its snapshot and trains it. */
export async function createQueuedRun(
  storage: StorageClients,
  request: RunRequest,
  actor: Actor,
  gitCommit: string | undefined,
  now = new Date(),
): Promise<RunRecord> {
  const run: RunRecord = {
    runId: newRunId(now),
    experiment: request.experiment,
    status: 'queued',
    createdBy: actor.id,
    createdAt: now.toISOString(),
    startedAt: null,
    finishedAt: null,
    params: parseRunParams(request.params),
    metrics: {},
    trainSubjects: [],
    validationSubjects: [],
    testSubjects: [],
    datasetSnapshot: null,
    backend: null,
    codeVersion: appVersion().version,
    gitCommit: gitCommit ?? null,
    progress: null,
    modelName: request.model,
    modelVersion: null,
    error: null,
    request: {
      subjects: request.subjects,
      validationSubjects: request.validationSubjects,
      testSubjects: request.testSubjects,
    },
  };
  return new RunStore(storage).create(run);
}
