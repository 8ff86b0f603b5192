import * as df from 'durable-functions';
import { z } from 'zod';
import { appStorage } from '../src/app/appStorage.js';
import { appConfig } from '../src/app/appConfig.js';
import { appRegistry } from '../src/app/appRegistry.js';
import { appAuditTrail } from '../src/app/appAudit.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { experimentParams } from '../src/api/requestSchemas.js';
import { experimentName, runId } from '../src/domain/identifiers.js';
import { ContinuousTrainingActivities } from '../src/workflows/continuous/continuousTrainingActivities.js';
import { ContinuousTrainingStore } from '../src/domain/continuous/continuousTrainingStore.js';
import { continuousTrainingSettingsSchema } from '../src/domain/continuous/continuousTrainingSettings.js';
import {
  continuousTrainingActivityNames,
  continuousTrainingOrchestrationName,
  continuousTrainingOrchestrator,
} from '../src/workflows/continuous/continuousTrainingOrchestrator.js';
import { parseRunParams } from '../src/domain/runs/runRequest.js';
import { inSpan } from '../src/platform/observability/telemetry.js';
import { registerHttpOperation } from './shared/httpOperation.js';
import { jsonBodyOf } from './shared/jsonBody.js';

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

registerHttpOperation('getContinuousTrainingSettings', async (request) => {
  const { experiment } = parseRouteParams(request.params, experimentParams);
  const settings = await settingsStore().settings(experiment);
  return { headers: settings.etag === null ? undefined : { etag: settings.etag }, jsonBody: settings };
});

/** PUT replaces the settings; If-Match (the ETag of a GET) turns a racing edit into a 409. */
registerHttpOperation('putContinuousTrainingSettings', async (request, _context, actor) => {
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
  return {
    headers: saved.etag === null ? undefined : { etag: saved.etag },
    jsonBody: saved,
    audit: {
      target: `experiments/${experiment}/continuous-training`,
      details: {
        enabled: settings.enabled,
        model: settings.model,
        metric: settings.comparison.metric,
        margin: settings.comparison.margin,
      },
    },
  };
});
