import { z } from 'zod';
import { experimentName, modelName, subjectId } from '../identifiers.js';
import { parseRunParams } from '../runs/runRequest.js';

/** The schemes an evaluation can split subjects by (foldPlan.ts). */
export const evaluationSchemes = ['loso', 'kfold', 'split'] as const;
export type EvaluationScheme = (typeof evaluationSchemes)[number];

/**
 * At most this many (configuration, fold) runs per evaluation: 15-fold LOSO of four configurations.
 * Each is a full training run, and the evaluation's plan is kept in one table row (64 KiB).
 */
export const maxEvaluationRuns = 60;

/** The grid of a sweep: each param name with the values to try; configurations are its cartesian product. */
const gridSchema = z
  .record(z.string().regex(/^[a-z_]{1,64}$/, 'a training param name'), z.array(z.unknown()).min(1).max(20))
  .refine((grid) => Object.keys(grid).length > 0, 'a grid names at least one param');

/** What POST /api/evaluations takes. */
export const evaluationRequestSchema = z
  .object({
    experiment: experimentName.default('default'),
    model: modelName.default('stress-cnn'),
    scheme: z.enum(evaluationSchemes),
    /** All subjects with a labelled window set when omitted. */
    subjects: z.array(subjectId).min(2).optional(),
    /** The params every configuration starts from (defaults filled in by training). */
    params: z.record(z.string(), z.unknown()).default({}),
    /** A sweep: each configuration is `params` with one combination of the grid's values. */
    grid: gridSchema.optional(),
    /** How many fold runs train at once (Durable fan-out bound). */
    parallelism: z.int().min(1).max(16).default(2),
    /** Folds of the `kfold` scheme. */
    k: z.int().min(2).max(20).optional(),
  })
  .strict()
  .superRefine((request, ctx) => {
    if (request.scheme === 'kfold' && request.k === undefined) {
      ctx.addIssue({ code: 'custom', path: ['k'], message: 'the kfold scheme needs k' });
    }
    if (request.scheme !== 'kfold' && request.k !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['k'], message: 'k applies to the kfold scheme only' });
    }
  });

export type EvaluationRequest = z.output<typeof evaluationRequestSchema>;

/** One configuration of an evaluation: its index (0 first) and the params its fold runs train with. */
export interface EvaluationConfiguration {
  index: number;
  params: Record<string, unknown>;
}

/**
 * The configurations of a request: `params` alone, or `params` overlaid with each combination of
 * the grid, in the grid's key order with the last key varying fastest (as scikit-learn's
 * ParameterGrid enumerates). Each is validated as a run's params would be, so a bad value is
 * refused before anything trains; ZodError paths name the configuration.
 */
export function configurationsOf(request: Pick<EvaluationRequest, 'params' | 'grid'>): EvaluationConfiguration[] {
  let combinations: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(request.grid ?? {})) {
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [name]: value })));
  }
  return combinations.map((combination, index) => {
    const params = { ...request.params, ...combination };
    try {
      parseRunParams(params);
    } catch (error: unknown) {
      if (error instanceof z.ZodError) {
        throw new z.ZodError(
          error.issues.map((issue) => ({ ...issue, path: ['configurations', index, ...issue.path] })),
        );
      }
      throw error;
    }
    return { index, params };
  });
}
