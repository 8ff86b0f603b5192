import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { functionNames } from '../src/api/functionNames.js';
import { appStorage } from '../src/app/appStorage.js';
import { DatasetCatalog } from '../src/domain/datasets/datasetCatalog.js';
import { UploadLedger } from '../src/domain/datasets/uploadLedger.js';
import { readWindowSetManifest } from '../src/domain/datasets/windowSetStore.js';
import { pageOf, pageRequestOf } from '../src/platform/http/paging.js';
import { HttpProblem } from '../src/platform/http/httpProblem.js';
import { parseQuery, parseRouteParams } from '../src/platform/http/requestParts.js';
import { withProblemResponses } from './shared/httpAdapter.js';
import { datasetParams, datasetQuery, uploadQuery } from '../src/api/requestSchemas.js';
import { callerOf } from './shared/caller.js';

export const listDatasetsHandler = withProblemResponses(async (request: HttpRequest): Promise<HttpResponseInit> => {
  callerOf(request);
  const page = pageRequestOf(request.query);
  const filter = parseQuery(request.query, datasetQuery);
  const result = await new DatasetCatalog(appStorage()).page(page.pageSize, page.continuationToken, filter);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

export const getDatasetHandler = withProblemResponses(async (request: HttpRequest): Promise<HttpResponseInit> => {
  callerOf(request);
  const { subject, version } = parseRouteParams(request.params, datasetParams);
  const storage = appStorage();
  const record = await new DatasetCatalog(storage).get(subject, version);
  if (record === undefined) throw new HttpProblem('not-found', `No window set ${subject}/${version}.`);
  const manifest = await readWindowSetManifest(storage, subject, version);
  return { jsonBody: { ...record, manifest: manifest ?? null } };
});

export const listUploadsHandler = withProblemResponses(async (request: HttpRequest): Promise<HttpResponseInit> => {
  callerOf(request);
  const page = pageRequestOf(request.query);
  const { status } = parseQuery(request.query, uploadQuery);
  const result = await new UploadLedger(appStorage()).page(page.pageSize, page.continuationToken, status);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

app.http(functionNames.listDatasets, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'datasets',
  handler: listDatasetsHandler,
});
app.http(functionNames.getDataset, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'datasets/{subject}/{version}',
  handler: getDatasetHandler,
});
app.http(functionNames.listUploads, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'uploads',
  handler: listUploadsHandler,
});
