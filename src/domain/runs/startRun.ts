import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { Actor } from '../../platform/identity/actor.js';
import { RunStore } from './runStore.js';
import { newRunId } from './runIds.js';
import type { RunRecord } from './runRecords.js';
import { appVersion } from '../../platform/appVersion.js';
import { parseRunParams, type RunRequest } from './runRequest.js';
import { checkRunSubjects } from './runRequestChecks.js';

/**
 * Records a queued run after checking what can be checked up front (params within bounds, the
 * subjects and their splits); the orchestration then fixes its snapshot and trains it.
 */
export async function createQueuedRun(
  storage: StorageClients,
  request: RunRequest,
  actor: Actor,
  gitCommit: string | undefined,
  now = new Date(),
): Promise<RunRecord> {
  const run = queuedRun(request, actor, gitCommit, now, newRunId(now));
  await checkRunSubjects(storage, request);
  return new RunStore(storage).create(run);
}

/** A queued run's record; its params are validated here, so a bad request is refused before anything is stored. */
export function queuedRun(
  request: RunRequest,
  actor: Actor,
  gitCommit: string | undefined,
  now: Date,
  runId: string,
): RunRecord {
  return {
    runId,
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
    // WESAD_GIT_COMMIT, where a deployment sets it, else the commit the build recorded.
    gitCommit: gitCommit ?? appVersion().gitCommit,
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
}
