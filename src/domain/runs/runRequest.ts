import { z } from 'zod';
import { experimentName, modelName, subjectId } from '../identifiers.js';
import { trainingParamsSchema } from '../training/index.js';

/** What POST /api/runs takes: the params (the design's params.yaml with defaults) and the subjects. */
export const runRequestSchema = z
  .object({
    experiment: experimentName.default('default'),
    model: modelName.default('stress-cnn'),
    params: z.unknown().default({}),
    /** Subjects of the snapshot; all subjects with a labelled window set when omitted. */
    subjects: z.array(subjectId).min(2).optional(),
    validationSubjects: z.array(subjectId).optional(),
    testSubjects: z.array(subjectId).min(1).optional(),
  })
  .strict();

export type RunRequest = z.output<typeof runRequestSchema>;

/**
 * The ranges a requested run's params must fall in (README, "Training"). The training schema
 * only asks for positive values; a run asked through the API is also kept to what trains in
 * reasonable time and memory, so `epochs: 1e8` is refused up front instead of failing late.
 */
export const runParamBounds = {
  epochs: { min: 1, max: 500 },
  batch_size: { min: 1, max: 1024 },
  learning_rate: { min: 1e-6, max: 1 },
} as const;

const boundedTrainingParams = trainingParamsSchema.superRefine((params, ctx) => {
  for (const [name, { min, max }] of Object.entries(runParamBounds)) {
    const value = params[name as keyof typeof runParamBounds];
    if (value < min || value > max) {
      ctx.addIssue({ code: 'custom', path: [name], message: `${name} must be between ${min} and ${max}` });
    }
  }
});

/** Validates the params against the training schema and the run bounds (defaults filled in); throws ZodError naming each field. */
export function parseRunParams(params: unknown): z.output<typeof trainingParamsSchema> {
  return boundedTrainingParams.parse(params);
}
