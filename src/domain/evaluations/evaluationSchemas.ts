import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import { evaluationSchemes } from './evaluationRequest.js';
import { evaluationStatuses, type EvaluationRecord } from './evaluationRecords.js';
import type { EvaluationView } from './evaluationView.js';

/** The response bodies of /api/evaluations, checked against the domain types at compile time. */

const metricsSchema = z.object({
  test_auc: z.number().optional(),
  test_accuracy: z.number().optional(),
  test_f1_macro: z.number().optional(),
  test_balanced_accuracy: z.number().optional(),
});
const confusionSchema = z.object({
  truePositives: z.int().nonnegative(),
  falsePositives: z.int().nonnegative(),
  trueNegatives: z.int().nonnegative(),
  falseNegatives: z.int().nonnegative(),
});
const meanStdSchema = z.object({ mean: z.number(), std: z.number().nullable(), n: z.int().nonnegative() });
const perMetricSpreadSchema = z.object({
  test_auc: meanStdSchema.optional(),
  test_accuracy: meanStdSchema.optional(),
  test_f1_macro: meanStdSchema.optional(),
  test_balanced_accuracy: meanStdSchema.optional(),
});
const perSubjectSchema = z.array(
  z.object({ subject: z.string(), windows: z.int().nonnegative(), metrics: metricsSchema, confusion: confusionSchema }),
);
const aggregateSchema = z.object({
  configuration: z.int().nonnegative(),
  folds: perMetricSpreadSchema,
  pooled: metricsSchema,
  pooledConfusion: confusionSchema,
  succeededFolds: z.int().nonnegative(),
  failedFolds: z.int().nonnegative(),
  rank: z.int().positive(),
});
const comparisonSchema = z.object({
  configuration: z.int().nonnegative(),
  against: z.int().nonnegative(),
  metric: z.literal('test_auc'),
  meanDifference: z.number(),
  test: z.object({
    n: z.int().nonnegative(),
    wPlus: z.number(),
    wMinus: z.number(),
    statistic: z.number(),
    pValue: z.number(),
    method: z.enum(['exact', 'normal']),
  }),
});

/** What identifies a fold, in the plan and in the view. */
const foldFields = {
  configuration: z.int().nonnegative(),
  fold: z.int().nonnegative(),
  runId: z.string(),
  testSubjects: z.array(z.string()),
};

const evaluationFields = {
  evaluationId: z.string(),
  experiment: z.string(),
  model: z.string(),
  scheme: z.enum(evaluationSchemes),
  k: z.int().positive().nullable(),
  subjects: z.array(z.string()),
  configurations: z.array(z.object({ index: z.int().nonnegative(), params: z.record(z.string(), z.unknown()) })),
  parallelism: z.int().positive(),
  status: z.enum(evaluationStatuses),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.object({ finished: z.int().nonnegative(), total: z.int().nonnegative() }),
  aggregates: z.array(aggregateSchema),
  comparisons: z.array(comparisonSchema),
  error: z.string().nullable(),
  cancellation: z.object({ by: z.string(), at: z.string() }).optional(),
};

/** The evaluation as stored (what cancel answers): its plan of folds. */
export const evaluationRecordSchema = z.object({
  ...evaluationFields,
  folds: z.array(z.object({ ...foldFields, validationSubjects: z.array(z.string()) })),
});

/** GET /api/evaluations/{id}: the folds with their results, and the best configuration's aggregate. */
export const evaluationViewSchema = z.object({
  ...evaluationFields,
  folds: z.array(
    z.object({
      ...foldFields,
      status: z.enum(['succeeded', 'failed', 'cancelled', 'pending']),
      metrics: metricsSchema,
      perSubject: perSubjectSchema,
      error: z.string().nullable(),
    }),
  ),
  aggregate: perMetricSpreadSchema.nullable(),
});

export const evaluationStartedSchema = z.object({
  evaluationId: z.string(),
  status: z.enum(evaluationStatuses),
  runs: z.int().nonnegative(),
  links: z.object({ evaluation: z.string(), report: z.string() }),
});

type _Record = Expect<SameShape<EvaluationRecord, z.output<typeof evaluationRecordSchema>>>;
type _View = Expect<SameShape<EvaluationView, z.output<typeof evaluationViewSchema>>>;
