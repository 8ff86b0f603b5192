import * as df from 'durable-functions';
import { z } from 'zod';
import { appStorage } from '../src/app/appStorage.js';
import { appConfig } from '../src/app/appConfig.js';
import { appAuditTrail } from '../src/app/appAudit.js';
import { runId } from '../src/domain/identifiers.js';
import { evaluationId } from '../src/domain/evaluations/evaluationIds.js';
import { evaluationRequestSchema } from '../src/domain/evaluations/evaluationRequest.js';
import { createQueuedEvaluation } from '../src/domain/evaluations/startEvaluation.js';
import { EvaluationStore } from '../src/domain/evaluations/evaluationStore.js';
import { evaluationView } from '../src/domain/evaluations/evaluationView.js';
import { cancelEvaluation } from '../src/domain/evaluations/cancelEvaluation.js';
import { renderEvaluationReport } from '../src/domain/reports/evaluationReport.js';
import { EvaluationActivities } from '../src/workflows/evaluation/evaluationActivities.js';
import {
  evaluationActivityNames,
  evaluationOrchestrationName,
  evaluationOrchestrator,
} from '../src/workflows/evaluation/evaluationOrchestrator.js';
import { evaluationParams } from '../src/api/evaluationSchemas.js';
import { HttpProblem } from '../src/platform/http/httpProblem.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { inSpan } from '../src/platform/observability/telemetry.js';
import { queueRunFromEvaluation } from '../src/domain/evaluations/registerFromEvaluation.js';
import { trainingOrchestrationName } from '../src/workflows/training/trainingOrchestrator.js';
import { runLinks } from '../src/api/runLinks.js';
import { registerHttpOperation } from './shared/httpOperation.js';
import { jsonBodyOf } from './shared/jsonBody.js';

const evaluationInput = z.object({ evaluationId });
const foldOutcomeInput = z.object({
  evaluationId,
  runId,
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  error: z.string().nullable(),
});

/** Storage faults are transient; every activity finds what its earlier attempt stored. */
const activityRetry = new df.RetryOptions(5000, 3);

let activities: EvaluationActivities | undefined;
function evaluationActivities(): EvaluationActivities {
  activities ??= new EvaluationActivities({
    storage: appStorage(),
    audit: appAuditTrail(),
    gitCommit: appConfig().gitCommit,
  });
  return activities;
}

df.app.orchestration(evaluationOrchestrationName, function* (context) {
  return yield* evaluationOrchestrator(context.df, evaluationInput.parse(context.df.getInput()), activityRetry);
});

df.app.activity(evaluationActivityNames.prepare, {
  handler: (input: unknown) => {
    const { evaluationId: id } = evaluationInput.parse(input);
    return inSpan(evaluationActivityNames.prepare, { evaluationId: id }, () => evaluationActivities().prepare(id));
  },
});
df.app.activity(evaluationActivityNames.recordFold, {
  handler: (input: unknown) => {
    const outcome = foldOutcomeInput.parse(input);
    return inSpan(
      evaluationActivityNames.recordFold,
      { evaluationId: outcome.evaluationId, runId: outcome.runId },
      () => evaluationActivities().recordFold(outcome),
    );
  },
});
df.app.activity(evaluationActivityNames.complete, {
  handler: (input: unknown) => {
    const { evaluationId: id } = evaluationInput.parse(input);
    return inSpan(evaluationActivityNames.complete, { evaluationId: id }, () => evaluationActivities().complete(id));
  },
});

/**
 * POST /api/evaluations: records the evaluation with its plan, starts its orchestration
 * (instance id = evaluation id) and answers 202 with the app's own link, never the Durable
 * management URLs (see functions/training.ts).
 */
registerHttpOperation(
  'startEvaluation',
  async (request, context, actor) => {
    const body = await jsonBodyOf(request, evaluationRequestSchema);
    const evaluation = await createQueuedEvaluation(appStorage(), body, actor);
    await df.getClient(context).startNew(evaluationOrchestrationName, {
      instanceId: evaluation.evaluationId,
      input: { evaluationId: evaluation.evaluationId },
    });
    const link = `${new URL(request.url).origin}/api/evaluations/${evaluation.evaluationId}`;
    return {
      status: 202,
      headers: { location: link, 'retry-after': '10' },
      jsonBody: {
        evaluationId: evaluation.evaluationId,
        status: evaluation.status,
        runs: evaluation.folds.length,
        links: { evaluation: link, report: `${link}/report` },
      },
      audit: {
        target: `evaluations/${evaluation.evaluationId}`,
        details: {
          experiment: evaluation.experiment,
          scheme: evaluation.scheme,
          configurations: evaluation.configurations.length,
          runs: evaluation.folds.length,
        },
      },
    };
  },
  [df.input.durableClient()],
);

async function viewOf(id: string) {
  const store = new EvaluationStore(appStorage());
  const record = await store.get(id);
  if (record === undefined) throw new HttpProblem('not-found', `No evaluation ${id}.`);
  return evaluationView(record, await store.folds(id));
}

registerHttpOperation('getEvaluation', async (request) => {
  const { evaluationId: id } = parseRouteParams(request.params, evaluationParams);
  return { jsonBody: await viewOf(id) };
});

registerHttpOperation('getEvaluationReport', async (request) => {
  const { evaluationId: id } = parseRouteParams(request.params, evaluationParams);
  return {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // Self-contained: nothing may load from elsewhere, and nothing runs.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    },
    body: renderEvaluationReport(await viewOf(id)),
  };
});

/** POST /api/evaluations/{id}/register: queues the justified run and starts its training orchestration (instance id = run id). */
registerHttpOperation(
  'registerFromEvaluation',
  async (request, context, actor) => {
    const { evaluationId: id } = parseRouteParams(request.params, evaluationParams);
    const run = await queueRunFromEvaluation(appStorage(), id, actor, appConfig().gitCommit);
    await df
      .getClient(context)
      .startNew(trainingOrchestrationName, { instanceId: run.runId, input: { runId: run.runId } });
    const links = runLinks(new URL(request.url).origin, run.runId);
    return {
      status: 202,
      headers: { location: links.run, 'retry-after': '5' },
      jsonBody: { runId: run.runId, status: run.status, evaluationBasis: run.evaluationBasis, links },
      audit: {
        target: `evaluations/${id}`,
        details: { runId: run.runId, configuration: run.evaluationBasis?.configuration ?? null },
      },
    };
  },
  [df.input.durableClient()],
);

registerHttpOperation(
  'cancelEvaluation',
  async (request, context, actor) => {
    const { evaluationId: id } = parseRouteParams(request.params, evaluationParams);
    const client = df.getClient(context);
    const outcome = await cancelEvaluation(
      {
        storage: appStorage(),
        audit: appAuditTrail(),
        terminate: (instanceId, reason) => client.terminate(instanceId, encodeURIComponent(reason)),
      },
      id,
      actor,
    );
    return {
      jsonBody: outcome.evaluation,
      audit: {
        target: `evaluations/${id}`,
        details: { changed: outcome.changed, cancelledRuns: outcome.cancelledRuns.length },
      },
    };
  },
  [df.input.durableClient()],
);
