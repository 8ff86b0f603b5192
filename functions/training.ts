import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import { functionNames } from '../src/functionNames.js';
import { appStorage } from '../src/storage/appStorage.js';
import { appConfig } from '../src/config/appConfig.js';
import { appRegistry } from '../src/registry/appRegistry.js';
import { appAuditTrail } from '../src/audit/appAudit.js';
import { jsonBodyOf } from './shared/jsonBody.js';
import { runRequestSchema } from '../src/runs/runRequest.js';
import { createQueuedRun } from '../src/runs/startRun.js';
import { TrainingActivities } from '../src/runs/trainingActivities.js';
import {
  trainingActivityNames,
  trainingOrchestrationName,
  trainingOrchestrator,
} from '../src/runs/trainingOrchestrator.js';
import { runId } from '../src/api/requestSchemas.js';
import { withProblemResponses } from './shared/httpAdapter.js';
import { inSpan } from '../src/observability/telemetry.js';
import { callerOf } from './shared/caller.js';

const runInput = z.object({ runId });
const epochInput = runInput.extend({ epoch: z.int().positive() });
const completeInput = runInput.extend({ modelVersion: z.string().min(1) });
const failInput = runInput.extend({ reason: z.string() });

/** Activities are retried by the engine; a transient storage fault must not fail a long run. */
const activityRetry = new df.RetryOptions(5000, 3);

let activities: TrainingActivities | undefined;
function trainingActivities(): TrainingActivities {
  activities ??= new TrainingActivities({ storage: appStorage(), registry: appRegistry(), audit: appAuditTrail() });
  return activities;
}

df.app.orchestration(trainingOrchestrationName, function* (context) {
  return yield* trainingOrchestrator(context.df, runInput.parse(context.df.getInput()), activityRetry);
});

df.app.activity(trainingActivityNames.prepareRun, {
  handler: (input: unknown) => {
    const { runId: id } = runInput.parse(input);
    return inSpan(trainingActivityNames.prepareRun, { runId: id }, () => trainingActivities().prepareRun(id));
  },
});
df.app.activity(trainingActivityNames.trainEpoch, {
  handler: (input: unknown) => {
    const { runId: id, epoch } = epochInput.parse(input);
    return inSpan(trainingActivityNames.trainEpoch, { runId: id, epoch }, () =>
      trainingActivities().trainEpoch(id, epoch),
    );
  },
});
df.app.activity(trainingActivityNames.evaluateRun, {
  handler: (input: unknown) => {
    const { runId: id } = runInput.parse(input);
    return inSpan(trainingActivityNames.evaluateRun, { runId: id }, () => trainingActivities().evaluateRun(id));
  },
});
df.app.activity(trainingActivityNames.registerModel, {
  handler: (input: unknown) => {
    const { runId: id } = runInput.parse(input);
    return inSpan(trainingActivityNames.registerModel, { runId: id }, () => trainingActivities().registerModel(id));
  },
});
df.app.activity(trainingActivityNames.completeRun, {
  handler: (input: unknown) => {
    const { runId: id, modelVersion } = completeInput.parse(input);
    return inSpan(trainingActivityNames.completeRun, { runId: id }, () =>
      trainingActivities().completeRun(id, modelVersion),
    );
  },
});
df.app.activity(trainingActivityNames.failRun, {
  handler: (input: unknown) => {
    const { runId: id, reason } = failInput.parse(input);
    return inSpan(trainingActivityNames.failRun, { runId: id }, () => trainingActivities().failRun(id, reason));
  },
});

/** POST /api/runs: records the run as queued, starts its orchestration (instance id = run id), answers 202. */
export const startRun = withProblemResponses(
  async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const actor = callerOf(request, ['Researcher']);
    const body = await jsonBodyOf(request, runRequestSchema);
    const run = await createQueuedRun(appStorage(), body, actor, appConfig().gitCommit);
    const client = df.getClient(context);
    await client.startNew(trainingOrchestrationName, { instanceId: run.runId, input: { runId: run.runId } });
    const origin = new URL(request.url).origin;
    const management = client.createHttpManagementPayload(run.runId);
    return {
      status: 202,
      headers: { location: `${origin}/api/runs/${run.runId}`, 'retry-after': '5' },
      jsonBody: {
        runId: run.runId,
        status: run.status,
        links: {
          run: `${origin}/api/runs/${run.runId}`,
          metrics: `${origin}/api/runs/${run.runId}/metrics`,
          orchestration: management.statusQueryGetUri,
        },
      },
    };
  },
);

app.http(functionNames.startRun, {
  authLevel: 'function',
  methods: ['POST'],
  route: 'runs',
  extraInputs: [df.input.durableClient()],
  handler: startRun,
});
