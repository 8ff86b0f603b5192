import * as df from 'durable-functions';
import { z } from 'zod';
import { appStorage } from '../src/app/appStorage.js';
import { appConfig } from '../src/app/appConfig.js';
import { appRegistry } from '../src/app/appRegistry.js';
import { appAuditTrail } from '../src/app/appAudit.js';
import { runRequestSchema } from '../src/domain/runs/runRequest.js';
import { createQueuedRun } from '../src/domain/runs/startRun.js';
import { TrainingActivities } from '../src/workflows/training/trainingActivities.js';
import {
  trainingActivityNames,
  trainingOrchestrationName,
  trainingOrchestrator,
} from '../src/workflows/training/trainingOrchestrator.js';
import { runId } from '../src/domain/identifiers.js';
import { registerHttpOperation } from './shared/httpOperation.js';
import { runLinks } from '../src/api/runLinks.js';
import { inSpan } from '../src/platform/observability/telemetry.js';
import { settled } from '../src/domain/runs/activityOutcome.js';
import { jsonBodyOf } from './shared/jsonBody.js';

const runInput = z.object({ runId });
const epochInput = runInput.extend({ epoch: z.int().positive() });
const completeInput = runInput.extend({ modelVersion: z.string().min(1) });
const failInput = runInput.extend({
  reason: z.string(),
  correlationId: z.string().optional(),
  detail: z.string().optional(),
});

/**
 * Activities are retried by the engine; a transient storage fault must not fail a long run. A
 * permanent failure is not thrown but returned (settled), so it ends the run at once.
 */
const activityRetry = new df.RetryOptions(5000, 3);

let activities: TrainingActivities | undefined;
function trainingActivities(logError?: (line: string) => void): TrainingActivities {
  if (logError !== undefined) {
    return new TrainingActivities({ storage: appStorage(), registry: appRegistry(), audit: appAuditTrail(), logError });
  }
  activities ??= new TrainingActivities({ storage: appStorage(), registry: appRegistry(), audit: appAuditTrail() });
  return activities;
}

df.app.orchestration(trainingOrchestrationName, function* (context) {
  return yield* trainingOrchestrator(context.df, runInput.parse(context.df.getInput()), activityRetry);
});

df.app.activity(trainingActivityNames.prepareRun, {
  handler: (input: unknown) => {
    const { runId: id } = runInput.parse(input);
    return settled(() =>
      inSpan(trainingActivityNames.prepareRun, { runId: id }, () => trainingActivities().prepareRun(id)),
    );
  },
});
df.app.activity(trainingActivityNames.trainEpoch, {
  handler: (input: unknown) => {
    const { runId: id, epoch } = epochInput.parse(input);
    return settled(() =>
      inSpan(trainingActivityNames.trainEpoch, { runId: id, epoch }, () => trainingActivities().trainEpoch(id, epoch)),
    );
  },
});
df.app.activity(trainingActivityNames.evaluateRun, {
  handler: (input: unknown) => {
    const { runId: id } = runInput.parse(input);
    return settled(() =>
      inSpan(trainingActivityNames.evaluateRun, { runId: id }, () => trainingActivities().evaluateRun(id)),
    );
  },
});
df.app.activity(trainingActivityNames.registerModel, {
  handler: (input: unknown) => {
    const { runId: id } = runInput.parse(input);
    return settled(() =>
      inSpan(trainingActivityNames.registerModel, { runId: id }, () => trainingActivities().registerModel(id)),
    );
  },
});
df.app.activity(trainingActivityNames.completeRun, {
  handler: (input: unknown) => {
    const { runId: id, modelVersion } = completeInput.parse(input);
    return settled(() =>
      inSpan(trainingActivityNames.completeRun, { runId: id }, () =>
        trainingActivities().completeRun(id, modelVersion),
      ),
    );
  },
});
df.app.activity(trainingActivityNames.failRun, {
  handler: (input: unknown, context) => {
    const { runId: id, reason, correlationId, detail } = failInput.parse(input);
    const log = correlationId === undefined ? undefined : { correlationId, detail: detail ?? reason };
    return inSpan(trainingActivityNames.failRun, { runId: id }, () =>
      trainingActivities((line) => {
        context.error(line);
      }).failRun(id, reason, log),
    );
  },
});

/**
 * POST /api/runs: records the run as queued, starts its orchestration (instance id = run id), answers
 * 202 with the app's own links. Never the Durable management URLs (createHttpManagementPayload): in
 * Azure they carry `code=<system key>`, which opens every instance of the task hub
 * (durable-functions-http-api). The run's status is GET /api/runs/{runId}.
 */
registerHttpOperation(
  'startRun',
  async (request, context, actor) => {
    const body = await jsonBodyOf(request, runRequestSchema);
    const run = await createQueuedRun(appStorage(), body, actor, appConfig().gitCommit);
    await df
      .getClient(context)
      .startNew(trainingOrchestrationName, { instanceId: run.runId, input: { runId: run.runId } });
    const links = runLinks(new URL(request.url).origin, run.runId);
    return {
      status: 202,
      headers: { location: links.run, 'retry-after': '5' },
      jsonBody: { runId: run.runId, status: run.status, links },
    };
  },
  [df.input.durableClient()],
);
