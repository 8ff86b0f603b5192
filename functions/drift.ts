import { appRegistry } from '../src/app/appRegistry.js';
import { appStorage } from '../src/app/appStorage.js';
import { DriftHistory } from '../src/domain/drift/driftHistory.js';
import { pageOf, pageRequestOf } from '../src/platform/http/paging.js';
import { parseRouteParams } from '../src/platform/http/requestParts.js';
import { versionParams } from '../src/api/requestSchemas.js';
import { registerHttpOperation } from './shared/httpOperation.js';

/** A version's drift on prediction inputs over time, newest first; 404 when the version does not exist. */
registerHttpOperation('listVersionDrift', async (request) => {
  const { name, version } = parseRouteParams(request.params, versionParams);
  const page = pageRequestOf(request.query);
  await appRegistry().version(name, version);
  const result = await new DriftHistory(appStorage()).page(name, version, page.pageSize, page.continuationToken);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});
