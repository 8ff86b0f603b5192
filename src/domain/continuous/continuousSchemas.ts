import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import { gateCheckSchema } from '../registry/registrySchemas.js';
import type { ChallengerVerdict } from './challengerVerdict.js';
import { comparisonMetrics, continuousTrainingSettingsSchema } from './continuousTrainingSettings.js';
import type { ExperimentSettings } from './continuousTrainingStore.js';
import { trainingParamsSchema, type TrainingParamsInput } from '../training/index.js';

/** What continuous training shows through the API, for the OpenAPI document; each checked against its type below. */

const comparedModelSchema = z.object({
  version: z.string(),
  metrics: z.record(z.string(), z.number()),
  perSubject: z.array(
    z.object({ subject: z.string(), windows: z.number(), metrics: z.record(z.string(), z.number()) }),
  ),
});

export const challengerVerdictSchema = z.object({
  metric: z.enum(comparisonMetrics),
  margin: z.number(),
  challengerStage: z.string(),
  championStage: z.string(),
  challenger: comparedModelSchema,
  champion: comparedModelSchema
    .extend({ trainedOnTestSubjects: z.array(z.string()) })
    .nullable()
    .describe('The version in the champion stage when the run was judged; null when the stage was empty'),
  gateChecks: z.array(gateCheckSchema),
  judgedAt: z.string(),
  deltas: z.record(z.string(), z.number()),
  promote: z.boolean(),
  reason: z.string(),
  assignedAt: z.string().nullable(),
});

const params = trainingParamsSchema.shape;

/** Stored as the client sent them, after parseRunParams accepted them: any of the training params, each optional. */
const storedRunParams = z
  .object({
    learning_rate: params.learning_rate.unwrap().optional(),
    epochs: params.epochs.unwrap().optional(),
    batch_size: params.batch_size.unwrap().optional(),
    activation: params.activation.unwrap().optional(),
    signals: params.signals.unwrap().optional(),
    kernel_size: params.kernel_size.unwrap().optional(),
    shuffle_buffer_size: params.shuffle_buffer_size.unwrap().optional(),
    kernel_regularizer: params.kernel_regularizer.unwrap().optional(),
    input_shapes: params.input_shapes.unwrap().optional(),
    seed: params.seed.unwrap().optional(),
  })
  .describe('The params automatic runs take; each one left out takes its default');

export const experimentSettingsSchema = z.object({
  experiment: z.string(),
  settings: continuousTrainingSettingsSchema.extend({ params: storedRunParams }),
  source: z.enum(['stored', 'default']),
  etag: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

type _Verdict = Expect<SameShape<ChallengerVerdict, z.output<typeof challengerVerdictSchema>>>;
/** The settings type keeps params open (Record<string, unknown>); what is stored passed parseRunParams. */
type _Settings = Expect<
  SameShape<
    Omit<ExperimentSettings, 'settings'> & {
      settings: Omit<ExperimentSettings['settings'], 'params'> & { params: TrainingParamsInput };
    },
    z.output<typeof experimentSettingsSchema>
  >
>;
