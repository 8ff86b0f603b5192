import { app } from '@azure/functions';
import { functionNames } from '../src/api/functionNames.js';
import { appRegistry } from '../src/app/appRegistry.js';
import { appStorage } from '../src/app/appStorage.js';
import { DriftHistory } from '../src/domain/drift/driftHistory.js';
import { pageOf, pageRequestOf } from '../src/platform/http/paging.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { versionParams } from '../src/api/requestSchemas.js';
import { withProblemResponses } from './shared/httpAdapter.js';
import { callerOf } from './shared/caller.js';

/** A version's drift on prediction inputs over time, newest first; 404 when the version does not exist. */
export const listVersionDrift = withProblemResponses(async (request) => {
  callerOf(request);
  const { name, version } = parseRouteParams(request.params, versionParams);
  const page = pageRequestOf(request.query);
  await appRegistry().version(name, version);
  const result = await new DriftHistory(appStorage()).page(name, version, page.pageSize, page.continuationToken);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

app.http(functionNames.listVersionDrift, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'models/{name}/versions/{version}/drift',
  handler: listVersionDrift,
});
