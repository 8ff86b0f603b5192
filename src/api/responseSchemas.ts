import { z } from 'zod';
import type { apiOperations } from './apiOperations.js';
import { healthReportSchema } from '../platform/health/healthReportSchema.js';
import { pageSchema } from '../platform/http/pageSchema.js';
import { datasetRecordSchema, uploadRecordSchema } from '../domain/datasets/datasetSchemas.js';
import { windowSetManifestSchema } from '../domain/wesad/preprocess/windowSetManifestSchema.js';
import {
  evaluationBasisSchema,
  modelSummarySchema,
  modelVersionSchema,
  registryEventSchema,
  stageAssignmentSchema,
} from '../domain/registry/registrySchemas.js';
import { experimentSettingsSchema } from '../domain/continuous/continuousSchemas.js';
import { epochMetricsSchema, runComparisonSchema, runRecordSchema } from '../domain/runs/runSchemas.js';
import { auditEntrySchema, auditVerificationSchema } from '../domain/audit/auditSchemas.js';
import { erasureReportSchema } from '../domain/gdpr/erasureReportSchema.js';
import { subjectRecordSchema } from '../domain/subjects/subjectRecordSchema.js';
import { driftPointSchema } from '../domain/drift/driftSchemas.js';
import { stressPredictionSchema } from '../domain/prediction/stressPredictionSchema.js';
import { sweepReportSchema } from '../workflows/ingestion/sweepReportSchema.js';
import { runEvaluationDocumentSchema } from '../domain/runs/runEvaluationDocument.js';
import { callerProfileSchema } from './callerProfile.js';
import {
  evaluationRecordSchema,
  evaluationStartedSchema,
  evaluationViewSchema,
} from '../domain/evaluations/evaluationSchemas.js';
import { runStatuses } from '../domain/runs/runRecords.js';
import type { Expect, SameShape } from '../platform/schema/sameShape.js';
import type { runLinks } from './runLinks.js';

/**
 * What each operation answers, for the OpenAPI document. The schemas come from the domain, next
 * to the types the handlers (functions/*.ts) return and checked against them at compile time, so
 * the document says what the server sends. The few bodies only a handler builds are defined here.
 */

/** Response headers an operation sets, by name, with what they carry. */
export type ResponseHeaders = Readonly<Record<string, string>>;

export type ResponseBody =
  /** JSON described by a zod schema (its output side): the document names it under components/schemas. */
  | { kind: 'json'; schema: z.ZodType; headers?: ResponseHeaders }
  /** Bytes or text of a media type, described by a plain JSON Schema. */
  | { kind: 'media'; mediaTypes: readonly string[]; schema: Record<string, unknown>; headers?: ResponseHeaders }
  /** No body (204). */
  | { kind: 'empty'; headers?: ResponseHeaders };

type Operations = typeof apiOperations;
type StatusOf<Name extends keyof Operations> = keyof Operations[Name]['responses'];
type SuccessStatusOf<Name extends keyof Operations> = Extract<StatusOf<Name>, 200 | 201 | 202 | 204>;

/**
 * Every operation of apiOperations.ts, with a body for each 2xx status it declares (an error
 * status may also be given when it answers something other than a problem). An operation added
 * there without an entry here fails to compile with "Property '<operation>' is missing in type …
 * but required in type 'ResponseBodies'": add its entry below.
 */
export type ResponseBodies = {
  readonly [Name in keyof Operations]: Readonly<Record<SuccessStatusOf<Name>, ResponseBody>> &
    Readonly<Partial<Record<Exclude<StatusOf<Name>, SuccessStatusOf<Name>>, ResponseBody>>>;
};

const runLinksSchema = z.object({ run: z.string(), metrics: z.string(), report: z.string() });
type _Links = Expect<SameShape<ReturnType<typeof runLinks>, z.output<typeof runLinksSchema>>>;

/** Named under components/schemas; any other JSON body gets the name <OperationId>Response. */
export const responseComponents = {
  HealthReport: healthReportSchema,
  DatasetRecord: datasetRecordSchema,
  DatasetPage: pageSchema(datasetRecordSchema),
  WindowSetManifest: windowSetManifestSchema,
  Dataset: datasetRecordSchema.extend({ manifest: windowSetManifestSchema.nullable() }),
  UploadRecord: uploadRecordSchema,
  UploadPage: pageSchema(uploadRecordSchema),
  SweepReport: sweepReportSchema,
  ModelSummary: modelSummarySchema,
  ModelSummaryPage: pageSchema(modelSummarySchema),
  ModelVersion: modelVersionSchema,
  ModelVersionList: z.object({ items: z.array(modelVersionSchema) }),
  StageAssignment: stageAssignmentSchema,
  RegistryEvent: registryEventSchema,
  RegistryEventPage: pageSchema(registryEventSchema),
  ExperimentSettings: experimentSettingsSchema,
  RunRecord: runRecordSchema,
  RunPage: pageSchema(runRecordSchema),
  RunStarted: z.object({ runId: z.string(), status: z.enum(runStatuses), links: runLinksSchema }),
  EpochMetrics: epochMetricsSchema,
  RunMetrics: z.object({ runId: z.string(), epochs: z.array(epochMetricsSchema) }),
  RunComparison: runComparisonSchema,
  AuditEntry: auditEntrySchema,
  AuditEntryPage: pageSchema(auditEntrySchema),
  AuditVerification: auditVerificationSchema,
  ErasureReport: erasureReportSchema,
  SubjectRecord: subjectRecordSchema,
  DriftPoint: driftPointSchema,
  DriftPointPage: pageSchema(driftPointSchema),
  StressPrediction: stressPredictionSchema,
  RunEvaluation: runEvaluationDocumentSchema,
  Evaluation: evaluationViewSchema,
  EvaluationRecord: evaluationRecordSchema,
  EvaluationStarted: evaluationStartedSchema,
  RunFromEvaluation: z.object({
    runId: z.string(),
    status: z.enum(runStatuses),
    evaluationBasis: evaluationBasisSchema.optional(),
    links: runLinksSchema,
  }),
  CallerProfile: callerProfileSchema,
} as const satisfies Record<string, z.ZodType>;

const c = responseComponents;
const json = (schema: z.ZodType, headers?: ResponseHeaders): ResponseBody =>
  headers === undefined ? { kind: 'json', schema } : { kind: 'json', schema, headers };

/** What a 202 for a queued run carries, whoever queued it. */
const runAccepted = {
  Location: 'The run: GET it for status and progress',
  'Retry-After': 'Seconds to wait before asking',
};
const etag = { ETag: 'The ETag to send as If-Match with the next change' };
const artifact: ResponseBody = {
  kind: 'media',
  // Runs store the artifact as a zip (runs/{runId}/model.zip); the blob's own content type is sent.
  mediaTypes: ['application/zip', 'application/octet-stream'],
  schema: { type: 'string', contentMediaType: 'application/octet-stream' },
  headers: {
    'x-artifact-sha256': 'The sha256 the registry recorded for the artifact, hex',
    'Content-Digest': 'The same sha256, as sha-256=:base64:',
    'x-model-version': 'The version the artifact belongs to',
    'Content-Disposition': 'attachment with the file name <model>-<version>.zip',
  },
};

export const responseBodies: ResponseBodies = {
  health: { 200: json(c.HealthReport), 503: json(c.HealthReport) },
  openApiDocument: {
    200: json(
      z.looseObject({
        openapi: z.string(),
        info: z.record(z.string(), z.unknown()),
        paths: z.record(z.string(), z.unknown()),
      }),
    ),
  },
  listDatasets: { 200: json(c.DatasetPage) },
  getDataset: { 200: json(c.Dataset) },
  listUploads: { 200: json(c.UploadPage) },
  sweepUploads: { 200: json(c.SweepReport) },
  listModels: { 200: json(c.ModelSummaryPage) },
  getModel: { 200: json(c.ModelSummary, etag) },
  listVersions: { 200: json(c.ModelVersionList) },
  getVersion: { 200: json(c.ModelVersion) },
  setVersionStatus: { 200: json(c.ModelVersion) },
  getStage: { 200: json(c.ModelVersion) },
  getContinuousTrainingSettings: {
    200: json(c.ExperimentSettings, { ETag: 'Sent once settings are stored; send it as If-Match with a change' }),
  },
  putContinuousTrainingSettings: { 200: json(c.ExperimentSettings, etag) },
  assignStage: { 200: json(c.StageAssignment, { ETag: "The model's new ETag" }) },
  unassignStage: { 204: { kind: 'empty' } },
  listModelEvents: { 200: json(c.RegistryEventPage) },
  listRuns: { 200: json(c.RunPage) },
  compareRuns: { 200: json(c.RunComparison) },
  getRun: { 200: json(c.RunRecord) },
  getRunMetrics: { 200: json(c.RunMetrics) },
  listAudit: { 200: json(c.AuditEntryPage) },
  verifyAudit: { 200: json(c.AuditVerification) },
  eraseSubject: { 200: json(c.ErasureReport) },
  getSubject: { 200: json(c.SubjectRecord) },
  stateE4Offset: { 200: json(c.SubjectRecord) },
  getStageArtifact: { 200: artifact },
  getVersionArtifact: { 200: artifact },
  listVersionDrift: { 200: json(c.DriftPointPage) },
  startRun: {
    202: json(c.RunStarted, runAccepted),
  },
  cancelRun: { 200: json(c.RunRecord) },
  predictWithStage: { 200: json(c.StressPrediction) },
  getRunReport: {
    200: {
      kind: 'media',
      mediaTypes: ['text/html'],
      schema: { type: 'string', contentMediaType: 'text/html' },
      headers: { 'Content-Security-Policy': 'The page is self-contained: nothing loads from elsewhere, nothing runs' },
    },
  },
  studio: {
    200: {
      kind: 'media',
      mediaTypes: ['text/html', 'text/javascript', 'text/css'],
      schema: { type: 'string' },
      headers: {
        'Content-Security-Policy': 'Scripts, styles and connections from this origin only',
        'Cache-Control': 'no-cache for the page; a year, private, for the hashed script and style sheet',
      },
    },
    308: { kind: 'empty', headers: { Location: '/api/studio/' } },
  },
  getCaller: { 200: json(c.CallerProfile) },
  getRunEvaluation: { 200: json(c.RunEvaluation) },
  startEvaluation: {
    202: json(c.EvaluationStarted, {
      Location: 'The evaluation: GET it for status, progress and results',
      'Retry-After': 'Seconds to wait before asking',
    }),
  },
  getEvaluation: { 200: json(c.Evaluation) },
  getEvaluationReport: {
    200: { kind: 'media', mediaTypes: ['text/html'], schema: { type: 'string', contentMediaType: 'text/html' } },
  },
  cancelEvaluation: { 200: json(c.EvaluationRecord) },
  registerFromEvaluation: {
    202: json(c.RunFromEvaluation, runAccepted),
  },
};
