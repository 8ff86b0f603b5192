import { appStorage } from '../src/app/appStorage.js';
import { DatasetCatalog } from '../src/domain/datasets/datasetCatalog.js';
import { UploadLedger } from '../src/domain/datasets/uploadLedger.js';
import { readWindowSetManifest } from '../src/domain/datasets/windowSetStore.js';
import { pageOf, pageRequestOf } from '../src/platform/http/paging.js';
import { HttpProblem } from '../src/platform/http/httpProblem.js';
import { parseQuery, parseRouteParams } from '../src/platform/http/requestParts.js';
import { registerHttpOperation } from './shared/httpOperation.js';
import { datasetParams, datasetQuery, uploadQuery } from '../src/api/requestSchemas.js';

registerHttpOperation('listDatasets', async (request) => {
  const page = pageRequestOf(request.query);
  const filter = parseQuery(request.query, datasetQuery);
  const result = await new DatasetCatalog(appStorage()).page(page.pageSize, page.continuationToken, filter);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

registerHttpOperation('getDataset', async (request) => {
  const { subject, version } = parseRouteParams(request.params, datasetParams);
  const storage = appStorage();
  const record = await new DatasetCatalog(storage).get(subject, version);
  if (record === undefined) throw new HttpProblem('not-found', `No window set ${subject}/${version}.`);
  const manifest = await readWindowSetManifest(storage, subject, version);
  return { jsonBody: { ...record, manifest: manifest ?? null } };
});

registerHttpOperation('listUploads', async (request) => {
  const page = pageRequestOf(request.query);
  const { status } = parseQuery(request.query, uploadQuery);
  const result = await new UploadLedger(appStorage()).page(page.pageSize, page.continuationToken, status);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});
