import { z } from 'zod';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { HttpProblem } from '../../platform/http/httpProblem.js';
import { readModelsBlob, runPaths } from './checkpointStore.js';
import { RunStore } from './runStore.js';

/**
 * A finished run's held-out evaluation as stored (runs/{runId}/evaluation.json, written by
 * runExecution/trainingWork.ts): served as it is, so this schema describes the stored JSON rather
 * than the in-memory RunEvaluation. JSON has no Infinity, so the first ROC point's threshold
 * (+Infinity in memory) is null here; evaluations stored before the threshold was recorded have
 * none (they used 0.5).
 */
const confusionSchema = z.object({
  truePositives: z.int().nonnegative(),
  falsePositives: z.int().nonnegative(),
  trueNegatives: z.int().nonnegative(),
  falseNegatives: z.int().nonnegative(),
});
const scalarMetricsSchema = z.object({
  loss: z.number(),
  accuracy: z.number(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  rocAuc: z.number().nullable(),
  threshold: z.number().optional(),
  confusion: confusionSchema,
});
export const runEvaluationDocumentSchema = z.object({
  test: scalarMetricsSchema.extend({
    roc: z.array(
      z.object({ falsePositiveRate: z.number(), truePositiveRate: z.number(), threshold: z.number().nullable() }),
    ),
  }),
  perSubject: z.array(z.object({ subject: z.string(), windows: z.int().nonnegative(), metrics: scalarMetricsSchema })),
  artifactPath: z.string(),
  artifactSha256: z.string(),
});

/** The stored evaluation's JSON bytes; 404 when the run does not exist or has not been evaluated yet. */
export async function runEvaluationDocument(storage: StorageClients, runId: string): Promise<Buffer> {
  if ((await new RunStore(storage).get(runId)) === undefined) throw new HttpProblem('not-found', `No run ${runId}.`);
  const evaluation = await readModelsBlob(storage, runPaths.evaluation(runId));
  if (evaluation === undefined) throw new HttpProblem('not-found', `Run ${runId} has no evaluation yet.`);
  return evaluation;
}
