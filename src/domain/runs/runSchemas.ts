import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import { comparisonMetrics } from '../continuous/continuousTrainingSettings.js';
import { challengerVerdictSchema } from '../continuous/continuousSchemas.js';
import { evaluationBasisSchema } from '../registry/registrySchemas.js';
import { trainingParamsSchema, type TrainingParams } from '../training/index.js';
import type { RunComparison } from './runComparison.js';
import { runStatuses, type EpochMetrics, type RunRecord } from './runRecords.js';
import { runParamBounds } from './runRequest.js';

/** What the run routes answer and take, for the OpenAPI document; each checked against its type below. */

/**
 * The params of a run as clients send them: the training params with their defaults, and the
 * bounds parseRunParams keeps a requested run to. Documentation of what parseRunParams checks;
 * the request schemas themselves still take `params` as it comes so that the errors name the
 * param as they always have.
 */
export const runParamsInput = trainingParamsSchema
  .safeExtend(
    Object.fromEntries(
      Object.entries(runParamBounds).map(([name, { min, max }]) => [
        name,
        trainingParamsSchema.shape[name as keyof typeof runParamBounds].meta({ minimum: min, maximum: max }),
      ]),
    ) as Pick<typeof trainingParamsSchema.shape, keyof typeof runParamBounds>,
  )
  .prefault({})
  .describe('Training params; each one left out takes its default');

const datasetSnapshotSchema = z.object({
  hash: z.string().describe("sha256 over the sorted (subject, version) pairs: the run's data version"),
  windowSets: z.array(
    z.object({
      subject: z.string(),
      version: z.string(),
      sourceBlob: z.string(),
      sourceSha256: z.string(),
      windows: z.number(),
    }),
  ),
});

export const runRecordSchema = z.object({
  runId: z.string(),
  experiment: z.string(),
  status: z.enum(runStatuses),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Every run's params went through parseRunParams when it was queued, so all of them are there. */
  params: trainingParamsSchema,
  metrics: z.record(z.string(), z.number()).describe('Scalar results: test_auc, test_accuracy, …'),
  trainSubjects: z.array(z.string()),
  validationSubjects: z.array(z.string()),
  testSubjects: z.array(z.string()),
  datasetSnapshot: datasetSnapshotSchema.nullable(),
  backend: z.string().nullable(),
  codeVersion: z.string(),
  gitCommit: z.string().nullable(),
  progress: z.object({ epoch: z.number(), epochs: z.number() }).nullable(),
  modelName: z.string(),
  modelVersion: z.string().nullable(),
  error: z.string().nullable(),
  cancellation: z.object({ by: z.string(), at: z.string() }).optional(),
  request: z
    .object({
      subjects: z.array(z.string()).optional(),
      validationSubjects: z.array(z.string()).optional(),
      testSubjects: z.array(z.string()).optional(),
    })
    .optional()
    .describe('The subjects the researcher asked for'),
  trainedOnErasedData: z.boolean().optional(),
  continuousTraining: z
    .object({
      snapshotHash: z.string(),
      windowSets: z.number(),
      metric: z.enum(comparisonMetrics),
      margin: z.number(),
      report: z.string(),
      verdict: challengerVerdictSchema.nullable(),
    })
    .optional()
    .describe('Set on runs continuous training started'),
  evaluation: z
    .object({ evaluationId: z.string(), configuration: z.int().nonnegative(), fold: z.int().nonnegative() })
    .optional()
    .describe('Set on the fold runs of an evaluation'),
  evaluationBasis: evaluationBasisSchema.optional().describe('Set on a run registered from an evaluation'),
});

export const epochMetricsSchema = z.object({
  epoch: z.number(),
  train: z.record(z.string(), z.number()),
  validation: z.record(z.string(), z.number()),
  durationSeconds: z.number(),
});

const comparedValueSchema = z.object({
  values: z.array(z.union([z.number(), z.string(), z.boolean(), z.null()])),
  deltas: z.array(z.number().nullable()).nullable(),
  differs: z.boolean(),
});

export const runComparisonSchema = z.object({
  runs: z.array(z.object({ runId: z.string(), experiment: z.string(), status: z.string(), createdAt: z.string() })),
  params: z.record(z.string(), comparedValueSchema),
  metrics: z.record(z.string(), comparedValueSchema),
});

/** RunRecord keeps params open (Record<string, unknown>) for the code that reads them by name; the JSON has them all. */
type _Run = Expect<SameShape<Omit<RunRecord, 'params'> & { params: TrainingParams }, z.output<typeof runRecordSchema>>>;
type _Epoch = Expect<SameShape<EpochMetrics, z.output<typeof epochMetricsSchema>>>;
type _Comparison = Expect<SameShape<RunComparison, z.output<typeof runComparisonSchema>>>;
