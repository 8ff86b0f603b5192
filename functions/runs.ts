import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { functionNames } from '../src/functionNames.js';
import { appStorage } from '../src/storage/appStorage.js';
import { RunStore } from '../src/tracking/runStore.js';
import { compareRunRecords } from '../src/tracking/runComparison.js';
import { runQueryOf } from '../src/api/runListRequest.js';
import { HttpProblem } from '../src/http/httpProblem.js';
import { pageOf, pageRequestOf } from '../src/http/paging.js';
import { parseQuery, parseRouteParams } from '../src/http/requestParts.js';
import { runCompareQuery, runListQuery, runParams } from '../src/api/requestSchemas.js';
import { withProblemResponses } from './shared/httpAdapter.js';
import { renderRunReport } from '../src/reports/runReport.js';
import { readModelsBlob, runPaths } from '../src/runs/checkpointStore.js';
import type { RunEvaluation } from '../src/runs/trainingWork.js';
import { callerOf } from './shared/caller.js';
import { appAuditTrail } from '../src/audit/appAudit.js';
import { cancelRun } from '../src/runs/cancelRun.js';

export const listRuns = withProblemResponses(async (request) => {
  callerOf(request);
  const page = pageRequestOf(request.query);
  const query = runQueryOf(parseQuery(request.query, runListQuery), request.query.getAll('filter'));
  const result = await new RunStore(appStorage()).list(query, page.pageSize, page.continuationToken);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

export const getRun = withProblemResponses(async (request) => {
  callerOf(request);
  const { runId } = parseRouteParams(request.params, runParams);
  const run = await new RunStore(appStorage()).get(runId);
  if (run === undefined) throw new HttpProblem('not-found', `No run ${runId}.`);
  return { jsonBody: run };
});

export const getRunMetrics = withProblemResponses(async (request) => {
  callerOf(request);
  const { runId } = parseRouteParams(request.params, runParams);
  const store = new RunStore(appStorage());
  if ((await store.get(runId)) === undefined) throw new HttpProblem('not-found', `No run ${runId}.`);
  return { jsonBody: { runId, epochs: await store.metricHistory(runId) } };
});

export const compareRuns = withProblemResponses(async (request) => {
  callerOf(request);
  const { ids } = parseQuery(request.query, runCompareQuery);
  const store = new RunStore(appStorage());
  const runs = await Promise.all(ids.map((id) => store.get(id)));
  const missing = ids.filter((_, index) => runs[index] === undefined);
  if (missing.length > 0) throw new HttpProblem('not-found', `No run ${missing.join(', ')}.`);
  return { jsonBody: compareRunRecords(runs.filter((run) => run !== undefined)) };
});

export const getRunReport = withProblemResponses(async (request) => {
  callerOf(request);
  const { runId } = parseRouteParams(request.params, runParams);
  const storage = appStorage();
  const store = new RunStore(storage);
  const run = await store.get(runId);
  if (run === undefined) throw new HttpProblem('not-found', `No run ${runId}.`);
  const evaluation = await readModelsBlob(storage, runPaths.evaluation(runId));
  const html = renderRunReport(
    run,
    await store.metricHistory(runId),
    evaluation === undefined ? undefined : (JSON.parse(evaluation.toString('utf8')) as RunEvaluation),
  );
  return {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // The page is self-contained: nothing may load from elsewhere, and nothing runs.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    },
    body: html,
  };
});

/** POST /api/runs/{runId}/cancel: the run ends as cancelled (src/runs/cancelRun.ts); 409 once it has finished. */
export const cancelRunHandler = withProblemResponses(async (request, context) => {
  const actor = callerOf(request, ['Researcher', 'ModelApprover']);
  const { runId } = parseRouteParams(request.params, runParams);
  const client = df.getClient(context);
  const outcome = await cancelRun(
    {
      storage: appStorage(),
      audit: appAuditTrail(),
      // The client puts the reason into the URL as it is.
      terminate: (instanceId, reason) => client.terminate(instanceId, encodeURIComponent(reason)),
    },
    runId,
    actor,
  );
  if (outcome.terminateError !== undefined) {
    context.warn(`Run ${runId} is cancelled; terminating its instance failed: ${outcome.terminateError}`);
  }
  return { jsonBody: outcome.run };
});

app.http(functionNames.listRuns, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'runs',
  handler: listRuns,
});
app.http(functionNames.compareRuns, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'runs/compare',
  handler: compareRuns,
});
app.http(functionNames.getRun, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'runs/{runId}',
  handler: getRun,
});
app.http(functionNames.getRunReport, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'runs/{runId}/report',
  handler: getRunReport,
});
app.http(functionNames.getRunMetrics, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'runs/{runId}/metrics',
  handler: getRunMetrics,
});
app.http(functionNames.cancelRun, {
  authLevel: 'function',
  methods: ['POST'],
  route: 'runs/{runId}/cancel',
  extraInputs: [df.input.durableClient()],
  handler: cancelRunHandler,
});
