import type { z } from 'zod';
import { functionNames } from '../functionNames.js';
import { runRequestSchema } from '../runs/runRequest.js';
import { continuousTrainingSettingsSchema } from '../continuous/continuousTrainingSettings.js';
import {
  assignStageBody,
  datasetParams,
  datasetQuery,
  modelParams,
  auditQuery,
  pageQuery,
  runCompareQuery,
  runListQuery,
  runParams,
  experimentParams,
  stageParams,
  storedRecordingBody,
  subjectParams,
  unassignQuery,
  uploadQuery,
  versionParams,
  versionStatusBody,
} from './requestSchemas.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** One HTTP operation of the API as clients see it; the OpenAPI document is built from these. */
export interface ApiOperation {
  operationId: string;
  method: HttpMethod;
  /** Relative to the route prefix, in OpenAPI form: /datasets/{subject}/{version}. */
  path: string;
  summary: string;
  /** 'anonymous', 'any role of the app', or the roles allowed. */
  access: 'anonymous' | 'authenticated' | readonly string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, string>;
}

const problems = { 401: 'No authenticated caller', 403: 'The caller lacks the role', 422: 'Invalid input' };

/** What every route with a JSON body may also answer (src/http/jsonRequest.ts). */
const jsonBodyProblems = {
  413: 'The body is larger than WESAD_MAX_JSON_BODY_BYTES',
  415: 'The body is not sent as application/json',
};

export const apiOperations: readonly ApiOperation[] = [
  {
    operationId: functionNames.health,
    method: 'get',
    path: '/health',
    summary: 'Storage reachability, app version and the host running it',
    access: 'anonymous',
    responses: { 200: 'Healthy', 503: 'A storage service is unreachable' },
  },
  {
    operationId: functionNames.openApiDocument,
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    access: 'anonymous',
    responses: { 200: 'The OpenAPI 3.1 document' },
  },
  {
    operationId: functionNames.listDatasets,
    method: 'get',
    path: '/datasets',
    summary: 'Window sets, paged, optionally of one subject or kind',
    access: 'authenticated',
    query: pageQuery.extend(datasetQuery.shape),
    responses: { 200: 'A page of window sets', 422: problems[422] },
  },
  {
    operationId: functionNames.getDataset,
    method: 'get',
    path: '/datasets/{subject}/{version}',
    summary: 'One window set with its manifest and lineage to the raw upload',
    access: 'authenticated',
    params: datasetParams,
    responses: { 200: 'The window set', 404: 'No such window set', 422: problems[422] },
  },
  {
    operationId: functionNames.listUploads,
    method: 'get',
    path: '/uploads',
    summary: 'Uploads to wesad-raw with their ingestion status, paged',
    access: 'authenticated',
    query: pageQuery.extend(uploadQuery.shape),
    responses: { 200: 'A page of uploads', 422: problems[422] },
  },
  {
    operationId: functionNames.listModels,
    method: 'get',
    path: '/models',
    summary: 'Registered models with their stages, paged',
    access: 'authenticated',
    query: pageQuery,
    responses: { 200: 'A page of models', 401: problems[401] },
  },
  {
    operationId: functionNames.getModel,
    method: 'get',
    path: '/models/{name}',
    summary: 'A model: latest version, stages, ETag',
    access: 'authenticated',
    params: modelParams,
    responses: { 200: 'The model (ETag header)', 401: problems[401], 404: 'No such model' },
  },
  {
    operationId: functionNames.listVersions,
    method: 'get',
    path: '/models/{name}/versions',
    summary: 'Every version of a model',
    access: 'authenticated',
    params: modelParams,
    responses: { 200: 'The versions', 404: 'No such model' },
  },
  {
    operationId: functionNames.getVersion,
    method: 'get',
    path: '/models/{name}/versions/{version}',
    summary: 'One version: run, dataset snapshot, artifact sha256, metrics, status',
    access: 'authenticated',
    params: versionParams,
    responses: { 200: 'The version', 404: 'No such version' },
  },
  {
    operationId: functionNames.setVersionStatus,
    method: 'post',
    path: '/models/{name}/versions/{version}/status',
    summary: 'Deprecate or archive a version',
    access: ['Researcher', 'ModelApprover'],
    params: versionParams,
    body: versionStatusBody,
    responses: { 200: 'The version', 403: problems[403], 409: 'It holds a stage or is archived', ...jsonBodyProblems },
  },
  {
    operationId: functionNames.getStage,
    method: 'get',
    path: '/models/{name}/stages/{stage}',
    summary: 'The version currently in a stage',
    access: 'authenticated',
    params: stageParams,
    responses: { 200: 'The version', 404: 'No version is in the stage' },
  },
  {
    operationId: functionNames.getContinuousTrainingSettings,
    method: 'get',
    path: '/experiments/{experiment}/continuous-training',
    summary: "An experiment's continuous-training settings (stored, or the defaults) with their ETag",
    access: 'authenticated',
    params: experimentParams,
    responses: { 200: 'The settings' },
  },
  {
    operationId: functionNames.putContinuousTrainingSettings,
    method: 'put',
    path: '/experiments/{experiment}/continuous-training',
    summary: 'Turn continuous training on or off and set its params, quiet period and champion comparison',
    access: ['Researcher', 'Admin'],
    params: experimentParams,
    body: continuousTrainingSettingsSchema,
    responses: {
      200: 'Stored (ETag header)',
      403: problems[403],
      409: 'Changed since If-Match',
      422: problems[422],
      ...jsonBodyProblems,
    },
  },
  {
    operationId: functionNames.assignStage,
    method: 'put',
    path: '/models/{name}/stages/{stage}',
    summary: 'Assign a version to a stage, checked by its gate; If-Match guards against races',
    access: ['Researcher', 'ModelApprover'],
    params: stageParams,
    body: assignStageBody,
    responses: {
      200: 'Assigned (ETag header)',
      403: problems[403],
      409: 'Changed meanwhile',
      422: 'Gate refused',
      ...jsonBodyProblems,
    },
  },
  {
    operationId: functionNames.unassignStage,
    method: 'delete',
    path: '/models/{name}/stages/{stage}',
    summary: 'Take the version out of a stage',
    access: ['Researcher', 'ModelApprover'],
    params: stageParams,
    query: unassignQuery,
    responses: { 204: 'Unassigned', 403: problems[403], 404: 'The stage is empty', 409: 'Changed meanwhile' },
  },
  {
    operationId: functionNames.listModelEvents,
    method: 'get',
    path: '/models/{name}/events',
    summary: "The model's append-only history: who, when, why, from and to",
    access: 'authenticated',
    params: modelParams,
    query: pageQuery,
    responses: { 200: 'A page of events', 404: 'No such model' },
  },
  {
    operationId: functionNames.listRuns,
    method: 'get',
    path: '/runs',
    summary:
      'Runs, filtered (experiment, status, created range, filter=metrics.test_auc>0.9) and ordered by any param or metric',
    access: 'authenticated',
    query: pageQuery.extend(runListQuery.shape),
    responses: { 200: 'A page of runs', 422: problems[422] },
  },
  {
    operationId: functionNames.compareRuns,
    method: 'get',
    path: '/runs/compare',
    summary: 'Params and metrics of two or more runs side by side, with deltas against the first',
    access: 'authenticated',
    query: runCompareQuery,
    responses: { 200: 'The comparison', 404: 'A run does not exist', 422: problems[422] },
  },
  {
    operationId: functionNames.getRun,
    method: 'get',
    path: '/runs/{runId}',
    summary: 'A run: params, metrics, dataset snapshot with lineage, backend, code version, timings, status',
    access: 'authenticated',
    params: runParams,
    responses: { 200: 'The run', 404: 'No such run' },
  },
  {
    operationId: functionNames.getRunMetrics,
    method: 'get',
    path: '/runs/{runId}/metrics',
    summary: 'Learning curves: train and validation metrics per epoch',
    access: 'authenticated',
    params: runParams,
    responses: { 200: 'The metric history', 404: 'No such run' },
  },
  {
    operationId: functionNames.listAudit,
    method: 'get',
    path: '/audit',
    summary: 'The audit trail: who changed what, filtered by time range, actor and action (paged)',
    access: ['ComplianceOfficer'],
    query: pageQuery.extend(auditQuery.shape),
    responses: { 200: 'A page of audit entries', 401: problems[401], 403: problems[403] },
  },
  {
    operationId: functionNames.verifyAudit,
    method: 'get',
    path: '/audit/verify',
    summary: 'Re-walks the hash chain and reports the first broken link',
    access: ['ComplianceOfficer'],
    responses: { 200: 'The verification result', 401: problems[401], 403: problems[403] },
  },
  {
    operationId: functionNames.eraseSubject,
    method: 'delete',
    path: '/subjects/{subject}',
    summary:
      "GDPR erasure: a subject's raw uploads, window sets and rows; runs and versions trained on them are flagged",
    access: ['Admin'],
    params: subjectParams,
    responses: { 200: 'What was erased and flagged', 401: problems[401], 403: problems[403], 422: problems[422] },
  },
  {
    operationId: functionNames.getStageArtifact,
    method: 'get',
    path: '/models/{name}/stages/{stage}/artifact',
    summary: 'The artifact of the version in a stage, with its sha256 (x-artifact-sha256, Content-Digest)',
    access: 'authenticated',
    params: stageParams,
    responses: {
      200: 'The artifact',
      404: 'No version in the stage, or its artifact is missing',
      409: 'The stored artifact does not match its sha256',
    },
  },
  {
    operationId: functionNames.getVersionArtifact,
    method: 'get',
    path: '/models/{name}/versions/{version}/artifact',
    summary: 'The artifact of a version, with its sha256 (x-artifact-sha256, Content-Digest)',
    access: 'authenticated',
    params: versionParams,
    responses: {
      200: 'The artifact',
      404: 'No such version, or its artifact is missing',
      409: 'The stored artifact does not match its sha256',
    },
  },
  {
    operationId: functionNames.listVersionDrift,
    method: 'get',
    path: '/models/{name}/versions/{version}/drift',
    summary:
      "Drift of a version's prediction inputs over time, newest first: per signal PSI, mean shift in training standard deviations, flag",
    access: 'authenticated',
    params: versionParams,
    query: pageQuery,
    responses: { 200: 'A page of drift points', 404: 'No such version', 422: problems[422] },
  },
  {
    operationId: functionNames.startRun,
    method: 'post',
    path: '/runs',
    summary: 'Start a training run (params as in params.yaml, subject choices); 202 with the run and status links',
    access: ['Researcher'],
    body: runRequestSchema,
    responses: {
      202: 'The run is queued',
      401: problems[401],
      403: problems[403],
      422: problems[422],
      ...jsonBodyProblems,
    },
  },
  {
    operationId: functionNames.predictWithStage,
    method: 'post',
    path: '/models/{name}/stages/{stage}/predict',
    summary:
      'Stress probability per 8 s window from the model in a stage: an E4 zip as application/zip, or {subject, version} of a stored recording as JSON',
    access: 'authenticated',
    params: stageParams,
    body: storedRecordingBody,
    responses: {
      200: 'One probability per window with its start time',
      404: 'No version in the stage',
      413: 'The recording passes a limit (expansion, length, JSON size); the problem names the setting',
      415: 'Send application/zip or application/json',
      422: problems[422],
      503: 'WESAD_PREDICT_CONCURRENCY zip predictions are running; retry after Retry-After seconds',
    },
  },
  {
    operationId: functionNames.getRunReport,
    method: 'get',
    path: '/runs/{runId}/report',
    summary:
      'The run as one self-contained HTML page: learning curves, ROC, confusion matrix, per-subject results, params, lineage',
    access: 'authenticated',
    params: runParams,
    responses: { 200: 'text/html', 404: 'No such run' },
  },
];
