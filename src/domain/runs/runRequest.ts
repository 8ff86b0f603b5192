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

/** Validates the params against the training schema (defaults filled in); throws ZodError naming each field. */
export function parseRunParams(params: unknown): z.output<typeof trainingParamsSchema> {
  return trainingParamsSchema.parse(params);
}
