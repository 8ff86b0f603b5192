import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import { functionNames } from '../src/functionNames.js';
import { appStorage } from '../src/storage/appStorage.js';
import { appConfig } from '../src/config/appConfig.js';
import { appRegistry } from '../src/registry/appRegistry.js';
import { appAuditTrail } from '../src/audit/appAudit.js';
import { jsonBodyOf } from './shared/jsonBody.js';
import { parseRouteParams } from '../src/http/requestParts.js';
import { experimentName, experimentParams, runId } from '../src/api/requestSchemas.js';
import { ContinuousTrainingActivities } from '../src/continuous/continuousTrainingActivities.js';
import { ContinuousTrainingStore } from '../src/continuous/continuousTrainingStore.js';
import { continuousTrainingSettingsSchema } from '../src/continuous/continuousTrainingSettings.js';
import {
  continuousTrainingActivityNames,
  continuousTrainingOrchestrationName,
  continuousTrainingOrchestrator,
} from '../src/continuous/continuousTrainingOrchestrator.js';
import { parseRunParams } from '../src/runs/runRequest.js';
import { inSpan } from '../src/observability/telemetry.js';
import { withProblemResponses } from './shared/httpAdapter.js';
import { callerOf } from './shared/caller.js';

const orchestrationInput = z.object({
  experiment: experimentName,
  pending: z.boolean(),
  last: z
    .object({
      experiment: experimentName,
      outcome: z.enum(['disabled', 'skipped', 'trained', 'failed']),
      runId: runId.nullable(),
      detail: z.string(),
    })
    .nullable()
    .default(null),
});
const experimentInput = z.object({ experiment: experimentName });
const startInput = z.object({ experiment: experimentName, runId });
const runInput = z.object({ runId });

/** Storage faults are transient; a retried activity finds what its first attempt stored. */
const activityRetry = new df.RetryOptions(5000, 3);

let activities: ContinuousTrainingActivities | undefined;
function continuousTrainingActivities(): ContinuousTrainingActivities {
  const config = appConfig();
  activities ??= new ContinuousTrainingActivities({
    storage: appStorage(),
    registry: appRegistry(),
    registryConfig: config.registry,
    audit: appAuditTrail(),
    config: config.continuousTraining,
    gitCommit: config.gitCommit,
  });
  return activities;
}

function settingsStore(): ContinuousTrainingStore {
  return new ContinuousTrainingStore(appStorage(), appConfig().continuousTraining.defaultExperiment);
}

df.app.orchestration(continuousTrainingOrchestrationName, function* (context) {
  return yield* continuousTrainingOrchestrator(
    context.df,
    orchestrationInput.parse(context.df.getInput()),
    activityRetry,
  );
});

df.app.activity(continuousTrainingActivityNames.plan, {
  handler: (input: unknown) => continuousTrainingActivities().plan(experimentInput.parse(input).experiment),
});
df.app.activity(continuousTrainingActivityNames.startRun, {
  handler: (input: unknown) => {
    const { experiment, runId: id } = startInput.parse(input);
    return inSpan(continuousTrainingActivityNames.startRun, { experiment, runId: id }, () =>
      continuousTrainingActivities().startRun(experiment, id),
    );
  },
});
df.app.activity(continuousTrainingActivityNames.judgeChallenger, {
  handler: (input: unknown) => {
    const { runId: id } = runInput.parse(input);
    return inSpan(continuousTrainingActivityNames.judgeChallenger, { runId: id }, () =>
      continuousTrainingActivities().judgeChallenger(id),
    );
  },
});
df.app.activity(continuousTrainingActivityNames.hasNewData, {
  handler: (input: unknown) => continuousTrainingActivities().hasNewData(experimentInput.parse(input).experiment),
});

export const getContinuousTrainingSettings = withProblemResponses(async (request): Promise<HttpResponseInit> => {
  callerOf(request);
  const { experiment } = parseRouteParams(request.params, experimentParams);
  const settings = await settingsStore().settings(experiment);
  return { headers: settings.etag === null ? {} : { etag: settings.etag }, jsonBody: settings };
});

/** PUT replaces the settings; If-Match (the ETag of a GET) turns a racing edit into a 409. */
export const putContinuousTrainingSettings = withProblemResponses(
  async (request: HttpRequest): Promise<HttpResponseInit> => {
    const actor = callerOf(request, ['Researcher', 'Admin']);
    const { experiment } = parseRouteParams(request.params, experimentParams);
    const settings = await jsonBodyOf(request, continuousTrainingSettingsSchema);
    // Refused now rather than when the first automatic run starts.
    parseRunParams(settings.params);
    const saved = await settingsStore().saveSettings(
      experiment,
      settings,
      actor.id,
      request.headers.get('if-match') ?? undefined,
    );
    await appAuditTrail().append({
      actor: actor.id,
      action: 'experiment-settings-changed',
      target: `experiments/${experiment}/continuous-training`,
      details: {
        enabled: settings.enabled,
        model: settings.model,
        metric: settings.comparison.metric,
        margin: settings.comparison.margin,
      },
    });
    return { headers: saved.etag === null ? {} : { etag: saved.etag }, jsonBody: saved };
  },
);

app.http(functionNames.getContinuousTrainingSettings, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'experiments/{experiment}/continuous-training',
  handler: getContinuousTrainingSettings,
});
app.http(functionNames.putContinuousTrainingSettings, {
  authLevel: 'function',
  methods: ['PUT'],
  route: 'experiments/{experiment}/continuous-training',
  handler: putContinuousTrainingSettings,
});
