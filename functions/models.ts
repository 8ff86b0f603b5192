import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { functionNames } from '../src/functionNames.js';
import { appRegistry } from '../src/registry/appRegistry.js';
import { appAuditTrail } from '../src/audit/appAudit.js';
import { appStorage } from '../src/storage/appStorage.js';
import { readArtifact } from '../src/registry/artifactDownload.js';
import type { ModelVersion } from '../src/registry/registryRecords.js';
import { appConfig } from '../src/config/appConfig.js';
import { rolesForStage } from '../src/registry/stageAuthorization.js';
import { pageOf, pageRequestOf } from '../src/http/paging.js';
import { jsonBodyOf } from './shared/jsonBody.js';
import { parseRouteParams } from '../src/http/requestParts.js';
import { withProblemResponses } from './shared/httpAdapter.js';
import { parseQuery } from '../src/http/requestParts.js';
import { callerOf } from './shared/caller.js';
import {
  assignStageBody,
  modelParams,
  stageParams,
  unassignQuery,
  versionParams,
  versionStatusBody,
} from '../src/api/requestSchemas.js';

export const listModels = withProblemResponses(async (request) => {
  callerOf(request);
  const page = pageRequestOf(request.query);
  const result = await appRegistry().models(page.pageSize, page.continuationToken);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

export const getModel = withProblemResponses(async (request): Promise<HttpResponseInit> => {
  callerOf(request);
  const { name } = parseRouteParams(request.params, modelParams);
  const summary = await appRegistry().summary(name);
  return { headers: { etag: summary.etag }, jsonBody: summary };
});

export const listVersions = withProblemResponses(async (request) => {
  callerOf(request);
  const { name } = parseRouteParams(request.params, modelParams);
  return { jsonBody: { items: await appRegistry().versions(name) } };
});

export const getVersion = withProblemResponses(async (request) => {
  callerOf(request);
  const { name, version } = parseRouteParams(request.params, versionParams);
  return { jsonBody: await appRegistry().version(name, version) };
});

export const setVersionStatus = withProblemResponses(async (request) => {
  const actor = callerOf(request, ['Researcher', 'ModelApprover']);
  const { name, version } = parseRouteParams(request.params, versionParams);
  const body = await jsonBodyOf(request, versionStatusBody);
  const updated = await appRegistry().setStatus(name, version, body.status, actor, body.reason);
  await appAuditTrail().append({
    actor: actor.id,
    action: 'version-status-changed',
    target: `models/${name}/versions/${version}`,
    details: { status: body.status, reason: body.reason },
  });
  return { jsonBody: updated };
});

export const getStage = withProblemResponses(async (request) => {
  callerOf(request);
  const { name, stage } = parseRouteParams(request.params, stageParams);
  return { jsonBody: await appRegistry().versionInStage(name, stage) };
});

/** PUT assigns; If-Match (the model's ETag) makes a racing change a 409 instead of a silent overwrite. */
export const assignStage = withProblemResponses(async (request) => {
  const { name, stage } = parseRouteParams(request.params, stageParams);
  const actor = callerOf(request, rolesForStage(appConfig().registry, stage));
  const body = await jsonBodyOf(request, assignStageBody);
  const ifMatch = request.headers.get('if-match') ?? undefined;
  const assignment = await appRegistry().assignStage(name, stage, body.version, actor, body.reason, ifMatch);
  await appAuditTrail().append({
    actor: actor.id,
    action: 'stage-assigned',
    target: `models/${name}/stages/${stage}`,
    details: { version: body.version, reason: body.reason },
  });
  const summary = await appRegistry().summary(name);
  return { headers: { etag: summary.etag }, jsonBody: assignment };
});

export const unassignStage = withProblemResponses(async (request): Promise<HttpResponseInit> => {
  const { name, stage } = parseRouteParams(request.params, stageParams);
  const actor = callerOf(request, rolesForStage(appConfig().registry, stage));
  const { reason } = parseQuery(request.query, unassignQuery);
  const ifMatch = request.headers.get('if-match') ?? undefined;
  await appRegistry().unassignStage(name, stage, actor, reason ?? 'unassigned', ifMatch);
  await appAuditTrail().append({
    actor: actor.id,
    action: 'stage-unassigned',
    target: `models/${name}/stages/${stage}`,
    details: { reason: reason ?? 'unassigned' },
  });
  return { status: 204 };
});

export const listEvents = withProblemResponses(async (request) => {
  callerOf(request);
  const { name } = parseRouteParams(request.params, modelParams);
  const page = pageRequestOf(request.query);
  const result = await appRegistry().events(name, page.pageSize, page.continuationToken);
  return { jsonBody: pageOf(request.url, result.items, result.continuationToken) };
});

async function artifactResponse(request: HttpRequest, model: string, version: ModelVersion): Promise<HttpResponseInit> {
  const actor = callerOf(request);
  const artifact = await readArtifact(appStorage(), version);
  await appAuditTrail().append({
    actor: actor.id,
    action: 'artifact-downloaded',
    target: `models/${model}/versions/${version.version}`,
    details: { sha256: artifact.sha256, bytes: artifact.content.length },
  });
  return {
    headers: {
      'content-type': artifact.contentType,
      'content-disposition': `attachment; filename="${artifact.fileName}"`,
      'x-model-version': version.version,
      'x-artifact-sha256': artifact.sha256,
      'content-digest': `sha-256=:${Buffer.from(artifact.sha256, 'hex').toString('base64')}:`,
    },
    body: artifact.content,
  };
}

export const getStageArtifact = withProblemResponses(async (request) => {
  const { name, stage } = parseRouteParams(request.params, stageParams);
  return artifactResponse(request, name, await appRegistry().versionInStage(name, stage));
});

export const getVersionArtifact = withProblemResponses(async (request) => {
  const { name, version } = parseRouteParams(request.params, versionParams);
  return artifactResponse(request, name, await appRegistry().version(name, version));
});

app.http(functionNames.listModels, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'models',
  handler: listModels,
});
app.http(functionNames.getModel, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'models/{name}',
  handler: getModel,
});
app.http(functionNames.listVersions, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'models/{name}/versions',
  handler: listVersions,
});
app.http(functionNames.getVersion, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'models/{name}/versions/{version}',
  handler: getVersion,
});
app.http(functionNames.setVersionStatus, {
  authLevel: 'function',
  methods: ['POST'],
  route: 'models/{name}/versions/{version}/status',
  handler: setVersionStatus,
});
app.http(functionNames.getStage, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'models/{name}/stages/{stage}',
  handler: getStage,
});
app.http(functionNames.assignStage, {
  authLevel: 'function',
  methods: ['PUT'],
  route: 'models/{name}/stages/{stage}',
  handler: assignStage,
});
app.http(functionNames.unassignStage, {
  authLevel: 'function',
  methods: ['DELETE'],
  route: 'models/{name}/stages/{stage}',
  handler: unassignStage,
});
app.http(functionNames.getStageArtifact, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'models/{name}/stages/{stage}/artifact',
  handler: getStageArtifact,
});
app.http(functionNames.getVersionArtifact, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'models/{name}/versions/{version}/artifact',
  handler: getVersionArtifact,
});
app.http(functionNames.listModelEvents, {
  authLevel: 'function',
  methods: ['GET'],
  route: 'models/{name}/events',
  handler: listEvents,
});
