import * as df from 'durable-functions';
import { appStorage } from '../src/app/appStorage.js';
import { RunStore } from '../src/domain/runs/runStore.js';
import { compareRunRecords } from '../src/domain/runs/runComparison.js';
import { runQueryOf } from '../src/api/runListRequest.js';
import { HttpProblem } from '../src/platform/http/httpProblem.js';
import { pageJsonOf, pageRequestOf } from '../src/platform/http/paging.js';
import { parseQuery, parseRouteParams } from '../src/platform/http/requestParts.js';
import { runCompareQuery, runListQuery, runParams } from '../src/api/requestSchemas.js';
import { renderRunReport } from '../src/domain/reports/runReport.js';
import { readModelsBlob, runPaths } from '../src/domain/runs/checkpointStore.js';
import type { RunEvaluation } from '../src/domain/runExecution/trainingWork.js';
import { appAuditTrail } from '../src/app/appAudit.js';
import { appRunSearch } from '../src/app/appRunSearch.js';
import { cancelRun } from '../src/domain/runs/cancelRun.js';
import { registerHttpOperation } from './shared/httpOperation.js';

registerHttpOperation('listRuns', async (request) => {
  const page = pageRequestOf(request.query);
  const query = runQueryOf(parseQuery(request.query, runListQuery), request.query.getAll('filter'));
  // The runs' stored JSON goes out as it is: serialising a page of runs again was a tenth of the host's time.
  const result = await appRunSearch().listJson(query, page.pageSize, page.continuationToken);
  return {
    headers: { 'content-type': 'application/json' },
    body: pageJsonOf(request.url, result.items, result.continuationToken),
  };
});

registerHttpOperation('getRun', async (request) => {
  const { runId } = parseRouteParams(request.params, runParams);
  const run = await new RunStore(appStorage()).get(runId);
  if (run === undefined) throw new HttpProblem('not-found', `No run ${runId}.`);
  return { jsonBody: run };
});

registerHttpOperation('getRunMetrics', async (request) => {
  const { runId } = parseRouteParams(request.params, runParams);
  const store = new RunStore(appStorage());
  if ((await store.get(runId)) === undefined) throw new HttpProblem('not-found', `No run ${runId}.`);
  return { jsonBody: { runId, epochs: await store.metricHistory(runId) } };
});

registerHttpOperation('compareRuns', async (request) => {
  const { ids } = parseQuery(request.query, runCompareQuery);
  const store = new RunStore(appStorage());
  const runs = await Promise.all(ids.map((id) => store.get(id)));
  const missing = ids.filter((_, index) => runs[index] === undefined);
  if (missing.length > 0) throw new HttpProblem('not-found', `No run ${missing.join(', ')}.`);
  return { jsonBody: compareRunRecords(runs.filter((run) => run !== undefined)) };
});

registerHttpOperation('getRunReport', async (request) => {
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

/** POST /api/runs/{runId}/cancel: the run ends as cancelled (src/domain/runs/cancelRun.ts, which audits it); 409 once it has finished. */
registerHttpOperation(
  'cancelRun',
  async (request, context, actor) => {
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
  },
  [df.input.durableClient()],
);
