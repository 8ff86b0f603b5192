import { appRegistry } from '../src/app/appRegistry.js';
import { appStorage } from '../src/app/appStorage.js';
import { readArtifact, type ArtifactContent } from '../src/domain/registry/artifactDownload.js';
import type { ModelVersion } from '../src/domain/registry/registryRecords.js';
import { pageOf, pageRequestOf } from '../src/platform/http/paging.js';
import { parseQuery, parseRouteParams } from '../src/platform/http/requestParts.js';
import {
  assignStageBody,
  modelParams,
  stageParams,
  unassignQuery,
  versionParams,
  versionStatusBody,
} from '../src/api/requestSchemas.js';
import { registerHttpOperation, type OperationResult } from './shared/httpOperation.js';
import { jsonBodyOf } from './shared/jsonBody.js';

registerHttpOperation('listModels', async (request) => {
  const page = pageRequestOf(request.query);
  const result = await appRegistry().models(page.pageSize, page.continuationToken);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

registerHttpOperation('getModel', async (request) => {
  const { name } = parseRouteParams(request.params, modelParams);
  const summary = await appRegistry().summary(name);
  return { headers: { etag: summary.etag }, jsonBody: summary };
});

registerHttpOperation('listVersions', async (request) => {
  const { name } = parseRouteParams(request.params, modelParams);
  return { jsonBody: { items: await appRegistry().versions(name) } };
});

registerHttpOperation('getVersion', async (request) => {
  const { name, version } = parseRouteParams(request.params, versionParams);
  return { jsonBody: await appRegistry().version(name, version) };
});

registerHttpOperation('setVersionStatus', async (request, _context, actor) => {
  const { name, version } = parseRouteParams(request.params, versionParams);
  const body = await jsonBodyOf(request, versionStatusBody);
  const updated = await appRegistry().setStatus(name, version, body.status, actor, body.reason);
  return {
    jsonBody: updated,
    audit: { target: `models/${name}/versions/${version}`, details: { status: body.status, reason: body.reason } },
  };
});

registerHttpOperation('getStage', async (request) => {
  const { name, stage } = parseRouteParams(request.params, stageParams);
  return { jsonBody: await appRegistry().versionInStage(name, stage) };
});

/** PUT assigns; If-Match (the model's ETag) makes a racing change a 409 instead of a silent overwrite. */
registerHttpOperation('assignStage', async (request, _context, actor) => {
  const { name, stage } = parseRouteParams(request.params, stageParams);
  const body = await jsonBodyOf(request, assignStageBody);
  const ifMatch = request.headers.get('if-match') ?? undefined;
  const assignment = await appRegistry().assignStage(name, stage, body.version, actor, body.reason, ifMatch);
  const summary = await appRegistry().summary(name);
  return {
    headers: { etag: summary.etag },
    jsonBody: assignment,
    audit: { target: `models/${name}/stages/${stage}`, details: { version: body.version, reason: body.reason } },
  };
});

registerHttpOperation('unassignStage', async (request, _context, actor) => {
  const { name, stage } = parseRouteParams(request.params, stageParams);
  const { reason } = parseQuery(request.query, unassignQuery);
  const ifMatch = request.headers.get('if-match') ?? undefined;
  await appRegistry().unassignStage(name, stage, actor, reason ?? 'unassigned', ifMatch);
  return {
    status: 204,
    audit: { target: `models/${name}/stages/${stage}`, details: { reason: reason ?? 'unassigned' } },
  };
});

registerHttpOperation('listModelEvents', async (request) => {
  const { name } = parseRouteParams(request.params, modelParams);
  const page = pageRequestOf(request.query);
  const result = await appRegistry().events(name, page.pageSize, page.continuationToken);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

function artifactResponse(
  model: string,
  version: ModelVersion,
  artifact: ArtifactContent,
): OperationResult<'getStageArtifact' | 'getVersionArtifact'> {
  return {
    headers: {
      'content-type': artifact.contentType,
      'content-disposition': `attachment; filename="${artifact.fileName}"`,
      'x-model-version': version.version,
      'x-artifact-sha256': artifact.sha256,
      'content-digest': `sha-256=:${Buffer.from(artifact.sha256, 'hex').toString('base64')}:`,
    },
    body: artifact.content,
    audit: {
      target: `models/${model}/versions/${version.version}`,
      details: { sha256: artifact.sha256, bytes: artifact.content.length },
    },
  };
}

registerHttpOperation('getStageArtifact', async (request) => {
  const { name, stage } = parseRouteParams(request.params, stageParams);
  const version = await appRegistry().versionInStage(name, stage);
  return artifactResponse(name, version, await readArtifact(appStorage(), version));
});

registerHttpOperation('getVersionArtifact', async (request) => {
  const { name, version } = parseRouteParams(request.params, versionParams);
  const found = await appRegistry().version(name, version);
  return artifactResponse(name, found, await readArtifact(appStorage(), found));
});
