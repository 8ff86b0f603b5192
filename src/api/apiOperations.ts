import type { z } from 'zod';
import type { AuditAction } from '../domain/audit/auditRecords.js';
import type { AppRole } from '../platform/identity/authorization.js';
import { pageQuery } from '../platform/http/paging.js';
import { evaluationRequestSchema } from '../domain/evaluations/evaluationRequest.js';
import { evaluationParams } from './evaluationSchemas.js';
import {
  assignStageBody,
  continuousTrainingSettingsBody,
  datasetParams,
  datasetQuery,
  modelParams,
  auditQuery,
  runCompareQuery,
  runListQuery,
  runParams,
  runRequestBody,
  experimentParams,
  stageParams,
  storedRecordingBody,
  subjectParams,
  e4OffsetBody,
  unassignQuery,
  uploadQuery,
  uploadSweepBody,
  versionParams,
  versionStatusBody,
} from './requestSchemas.js';
import { studioParams } from './studioRequests.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/**
 * Who may call an operation: nobody needs to sign in, any role of the app, the roles listed, or
 * the roles of the stage named in the route (its gate's roles where it names any).
 */
export type OperationAccess = 'anonymous' | 'authenticated' | 'stage-gate' | readonly AppRole[];

/**
 * One HTTP operation of the API. The Functions registration (route, method, auth level), the
 * caller check, the audit entry and the OpenAPI document are all produced from this one entry.
 */
export interface ApiOperation {
  method: HttpMethod;
  /** Relative to the route prefix, in OpenAPI form: /datasets/{subject}/{version}. */
  path: string;
  summary: string;
  access: OperationAccess;
  /** The audit action appended, with the caller as actor, when the operation succeeds. */
  audit?: AuditAction;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, string>;
}

const problems = { 401: 'No authenticated caller', 403: 'The caller lacks the role', 422: 'Invalid input' };

/** What every route with a JSON body may also answer (functions/shared/jsonBody.ts). */
const jsonBodyProblems = {
  413: 'The body is larger than WESAD_MAX_JSON_BODY_BYTES',
  415: 'The body is not sent as application/json',
};

export const apiOperations = {
  health: {
    method: 'get',
    path: '/health',
    summary: 'Storage reachability, app version and the host running it',
    access: 'anonymous',
    responses: { 200: 'Healthy', 503: 'A storage service is unreachable' },
  },
  openApiDocument: {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    access: 'anonymous',
    responses: { 200: 'The OpenAPI 3.1 document' },
  },
  listDatasets: {
    method: 'get',
    path: '/datasets',
    summary: 'Window sets, paged, optionally of one subject or kind',
    access: 'authenticated',
    query: pageQuery.extend(datasetQuery.shape),
    responses: { 200: 'A page of window sets', 422: problems[422] },
  },
  getDataset: {
    method: 'get',
    path: '/datasets/{subject}/{version}',
    summary: 'One window set with its manifest and lineage to the raw upload',
    access: 'authenticated',
    params: datasetParams,
    responses: { 200: 'The window set', 404: 'No such window set', 422: problems[422] },
  },
  listUploads: {
    method: 'get',
    path: '/uploads',
    summary: 'Uploads to wesad-raw with their ingestion status, paged',
    access: 'authenticated',
    query: pageQuery.extend(uploadQuery.shape),
    responses: { 200: 'A page of uploads', 422: problems[422] },
  },
  sweepUploads: {
    method: 'post',
    path: '/uploads/sweep',
    summary:
      'Ingest every blob of wesad-raw whose current version has no upload row (blobs written before the Event Grid subscription existed); repeat while complete is false',
    access: ['Admin'],
    audit: 'uploads-swept',
    body: uploadSweepBody,
    responses: {
      200: 'What was listed, already known, ingested and left',
      401: problems[401],
      403: problems[403],
      422: problems[422],
    },
  },
  listModels: {
    method: 'get',
    path: '/models',
    summary: 'Registered models with their stages, paged',
    access: 'authenticated',
    query: pageQuery,
    responses: { 200: 'A page of models', 401: problems[401] },
  },
  getModel: {
    method: 'get',
    path: '/models/{name}',
    summary: 'A model: latest version, stages, ETag',
    access: 'authenticated',
    params: modelParams,
    responses: { 200: 'The model (ETag header)', 401: problems[401], 404: 'No such model' },
  },
  listVersions: {
    method: 'get',
    path: '/models/{name}/versions',
    summary: 'Every version of a model',
    access: 'authenticated',
    params: modelParams,
    responses: { 200: 'The versions', 404: 'No such model' },
  },
  getVersion: {
    method: 'get',
    path: '/models/{name}/versions/{version}',
    summary: 'One version: run, dataset snapshot, artifact sha256, metrics, status',
    access: 'authenticated',
    params: versionParams,
    responses: { 200: 'The version', 404: 'No such version' },
  },
  setVersionStatus: {
    method: 'post',
    path: '/models/{name}/versions/{version}/status',
    summary: 'Deprecate or archive a version',
    access: ['Researcher', 'ModelApprover'],
    audit: 'version-status-changed',
    params: versionParams,
    body: versionStatusBody,
    responses: { 200: 'The version', 403: problems[403], 409: 'It holds a stage or is archived', ...jsonBodyProblems },
  },
  getStage: {
    method: 'get',
    path: '/models/{name}/stages/{stage}',
    summary: 'The version currently in a stage',
    access: 'authenticated',
    params: stageParams,
    responses: { 200: 'The version', 404: 'No version is in the stage' },
  },
  getContinuousTrainingSettings: {
    method: 'get',
    path: '/experiments/{experiment}/continuous-training',
    summary: "An experiment's continuous-training settings (stored, or the defaults) with their ETag",
    access: 'authenticated',
    params: experimentParams,
    responses: { 200: 'The settings' },
  },
  putContinuousTrainingSettings: {
    method: 'put',
    path: '/experiments/{experiment}/continuous-training',
    summary: 'Turn continuous training on or off and set its params, quiet period and champion comparison',
    access: ['Researcher', 'Admin'],
    audit: 'experiment-settings-changed',
    params: experimentParams,
    body: continuousTrainingSettingsBody,
    responses: {
      200: 'Stored (ETag header)',
      403: problems[403],
      409: 'Changed since If-Match',
      422: problems[422],
      ...jsonBodyProblems,
    },
  },
  assignStage: {
    method: 'put',
    path: '/models/{name}/stages/{stage}',
    summary: 'Assign a version to a stage, checked by its gate; If-Match guards against races',
    access: 'stage-gate',
    audit: 'stage-assigned',
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
  unassignStage: {
    method: 'delete',
    path: '/models/{name}/stages/{stage}',
    summary: 'Take the version out of a stage',
    access: 'stage-gate',
    audit: 'stage-unassigned',
    params: stageParams,
    query: unassignQuery,
    responses: { 204: 'Unassigned', 403: problems[403], 404: 'The stage is empty', 409: 'Changed meanwhile' },
  },
  listModelEvents: {
    method: 'get',
    path: '/models/{name}/events',
    summary: "The model's append-only history: who, when, why, from and to",
    access: 'authenticated',
    params: modelParams,
    query: pageQuery,
    responses: { 200: 'A page of events', 404: 'No such model' },
  },
  listRuns: {
    method: 'get',
    path: '/runs',
    summary:
      'Runs, filtered (experiment, status, created range, filter=metrics.test_auc>0.9) and ordered by any param or metric',
    access: 'authenticated',
    query: pageQuery.extend(runListQuery.shape),
    responses: {
      200: 'A page of runs',
      400: 'A filter, orderBy or continuationToken that does not parse: parameter, position, expected',
      422: problems[422],
    },
  },
  compareRuns: {
    method: 'get',
    path: '/runs/compare',
    summary: 'Params and metrics of two or more runs side by side, with deltas against the first',
    access: 'authenticated',
    query: runCompareQuery,
    responses: { 200: 'The comparison', 404: 'A run does not exist', 422: problems[422] },
  },
  getRun: {
    method: 'get',
    path: '/runs/{runId}',
    summary: 'A run: params, metrics, dataset snapshot with lineage, backend, code version, timings, status',
    access: 'authenticated',
    params: runParams,
    responses: { 200: 'The run', 404: 'No such run' },
  },
  getRunMetrics: {
    method: 'get',
    path: '/runs/{runId}/metrics',
    summary: 'Learning curves: train and validation metrics per epoch',
    access: 'authenticated',
    params: runParams,
    responses: { 200: 'The metric history', 404: 'No such run' },
  },
  listAudit: {
    method: 'get',
    path: '/audit',
    summary: 'The audit trail: who changed what, filtered by time range, actor and action (paged)',
    access: ['ComplianceOfficer'],
    query: pageQuery.extend(auditQuery.shape),
    responses: { 200: 'A page of audit entries', 401: problems[401], 403: problems[403] },
  },
  verifyAudit: {
    method: 'get',
    path: '/audit/verify',
    summary:
      'Re-walks the hash chain and compares it with the latest checkpoint: result intact, unanchored, truncated, broken or checkpoint-invalid',
    access: ['ComplianceOfficer'],
    responses: { 200: 'The verification result', 401: problems[401], 403: problems[403] },
  },
  eraseSubject: {
    method: 'delete',
    path: '/subjects/{subject}',
    summary:
      "GDPR erasure: a subject's raw uploads, window sets and rows; runs and versions trained on them are flagged",
    access: ['Admin'],
    audit: 'subject-erased',
    params: subjectParams,
    responses: { 200: 'What was erased and flagged', 401: problems[401], 403: problems[403], 422: problems[422] },
  },
  getSubject: {
    method: 'get',
    path: '/subjects/{subject}',
    summary:
      "What is stored for a subject: the protocol from its quest file (conditions in order with start and end, self-reports), its E4 export's labelling status and offsets, its window sets and uploads",
    access: 'authenticated',
    params: subjectParams,
    responses: { 200: 'The subject', 404: 'Nothing is stored for the subject', 422: problems[422] },
  },
  stateE4Offset: {
    method: 'put',
    path: '/subjects/{subject}/e4-offset',
    summary:
      "State the offset from the E4 recording's start to the chest device's start (quest time 0), so the E4 export is labelled from the protocol; audited",
    access: ['Researcher'],
    audit: 'e4-offset-stated',
    params: subjectParams,
    body: e4OffsetBody,
    responses: {
      200: 'The subject with its labelling status',
      403: problems[403],
      404: 'Nothing is stored for the subject',
      422: problems[422],
    },
  },
  getStageArtifact: {
    method: 'get',
    path: '/models/{name}/stages/{stage}/artifact',
    summary: 'The artifact of the version in a stage, with its sha256 (x-artifact-sha256, Content-Digest)',
    access: 'authenticated',
    audit: 'artifact-downloaded',
    params: stageParams,
    responses: {
      200: 'The artifact',
      404: 'No version in the stage, or its artifact is missing',
      409: 'The stored artifact does not match its sha256',
    },
  },
  getVersionArtifact: {
    method: 'get',
    path: '/models/{name}/versions/{version}/artifact',
    summary: 'The artifact of a version, with its sha256 (x-artifact-sha256, Content-Digest)',
    access: 'authenticated',
    audit: 'artifact-downloaded',
    params: versionParams,
    responses: {
      200: 'The artifact',
      404: 'No such version, or its artifact is missing',
      409: 'The stored artifact does not match its sha256',
    },
  },
  listVersionDrift: {
    method: 'get',
    path: '/models/{name}/versions/{version}/drift',
    summary:
      "Drift of a version's prediction inputs over time, newest first: per signal PSI, mean shift in training standard deviations, flag",
    access: 'authenticated',
    params: versionParams,
    query: pageQuery,
    responses: { 200: 'A page of drift points', 404: 'No such version', 422: problems[422] },
  },
  startRun: {
    method: 'post',
    path: '/runs',
    summary: 'Start a training run (params as in params.yaml, subject choices); 202 with the run and status links',
    access: ['Researcher'],
    body: runRequestBody,
    responses: {
      202: 'The run is queued',
      401: problems[401],
      403: problems[403],
      422: 'Invalid input: params outside their bounds, a subject without a labelled window set, overlapping splits',
      ...jsonBodyProblems,
    },
  },
  cancelRun: {
    method: 'post',
    path: '/runs/{runId}/cancel',
    summary:
      'Cancel a queued or running run: its orchestration is terminated and the run recorded as cancelled (who, when); idempotent',
    access: ['Researcher', 'ModelApprover'],
    params: runParams,
    responses: {
      200: 'The cancelled run',
      401: problems[401],
      403: 'Not a ModelApprover, nor the Researcher who started the run',
      404: 'No such run',
      409: 'The run has already finished',
    },
  },
  predictWithStage: {
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
  getRunReport: {
    method: 'get',
    path: '/runs/{runId}/report',
    summary:
      'The run as one self-contained HTML page: learning curves, ROC, confusion matrix, per-subject results, params, lineage',
    access: 'authenticated',
    params: runParams,
    responses: { 200: 'text/html', 404: 'No such run' },
  },
  // The studio (issue #21): the browser app, who the caller is, and a run's held-out evaluation.
  studio: {
    method: 'get',
    path: '/studio/{*path}',
    summary:
      'The studio: a single-page app in the browser over this API (its page and hashed assets; nothing from other origins)',
    access: 'authenticated',
    params: studioParams,
    responses: { 200: 'text/html, text/javascript or text/css', 308: 'To /studio/', 404: 'No such file' },
  },
  getCaller: {
    method: 'get',
    path: '/me',
    summary: 'The caller: id, name, roles, and which operations and stage changes those roles allow',
    access: 'authenticated',
    responses: { 200: 'The caller', 401: problems[401] },
  },
  getRunEvaluation: {
    method: 'get',
    path: '/runs/{runId}/evaluation',
    summary:
      'The held-out evaluation of a finished run: test metrics with confusion matrix and ROC points, per subject',
    access: 'authenticated',
    params: runParams,
    responses: { 200: 'The evaluation', 404: 'No such run, or it has no evaluation yet' },
  },
  // Evaluations (issue #19): LOSO / k-fold / split over fold runs, and sweeps of configurations.
  startEvaluation: {
    method: 'post',
    path: '/evaluations',
    summary:
      'Start an evaluation: a scheme (loso, kfold, split) over subjects, params or a grid of them; one training run per (configuration, fold), parallelism at a time; 202 with its id',
    access: ['Researcher'],
    audit: 'evaluation-started',
    body: evaluationRequestSchema,
    responses: {
      202: 'The evaluation is queued',
      401: problems[401],
      403: problems[403],
      422: 'Invalid input: params outside their bounds, a subject without a labelled window set, too few subjects, too many runs',
      ...jsonBodyProblems,
    },
  },
  getEvaluation: {
    method: 'get',
    path: '/evaluations/{evaluationId}',
    summary:
      'An evaluation: status, progress, folds with their runs and metrics, aggregates (mean ± std over folds, pooled) and, for a sweep, ranking and paired tests',
    access: 'authenticated',
    params: evaluationParams,
    responses: { 200: 'The evaluation', 404: 'No such evaluation', 422: problems[422] },
  },
  getEvaluationReport: {
    method: 'get',
    path: '/evaluations/{evaluationId}/report',
    summary:
      'The evaluation as one self-contained HTML page: configuration table, published WESAD baseline beside ours with the scheme, per-subject chart, folds',
    access: 'authenticated',
    params: evaluationParams,
    responses: { 200: 'text/html', 404: 'No such evaluation', 422: problems[422] },
  },
  cancelEvaluation: {
    method: 'post',
    path: '/evaluations/{evaluationId}/cancel',
    summary: 'Cancel a queued or running evaluation and its unfinished fold runs (who, when); idempotent',
    access: ['Researcher', 'ModelApprover'],
    audit: 'evaluation-cancelled',
    params: evaluationParams,
    responses: {
      200: 'The cancelled evaluation',
      401: problems[401],
      403: 'Not a ModelApprover, nor the Researcher who started the evaluation',
      404: 'No such evaluation',
      409: 'The evaluation has already finished',
      422: problems[422],
    },
  },
  registerFromEvaluation: {
    method: 'post',
    path: '/evaluations/{evaluationId}/register',
    summary:
      "Train the model a succeeded evaluation justifies: its best configuration on the evaluation's subjects; the version keeps the evaluation for gates that require one; 202 with the run",
    access: ['Researcher'],
    audit: 'evaluation-run-started',
    params: evaluationParams,
    responses: {
      202: 'The run is queued',
      401: problems[401],
      403: problems[403],
      404: 'No such evaluation',
      409: 'The evaluation has not succeeded',
      422: problems[422],
    },
  },
} as const satisfies Record<string, ApiOperation>;
