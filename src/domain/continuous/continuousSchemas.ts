import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import { gateCheckSchema } from '../registry/registrySchemas.js';
import type { ChallengerVerdict } from './challengerVerdict.js';
import { comparisonMetrics, continuousTrainingSettingsSchema } from './continuousTrainingSettings.js';
import type { ExperimentSettings } from './continuousTrainingStore.js';

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

export const experimentSettingsSchema = z.object({
  experiment: z.string(),
  settings: continuousTrainingSettingsSchema,
  source: z.enum(['stored', 'default']),
  etag: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

type _Verdict = Expect<SameShape<ChallengerVerdict, z.output<typeof challengerVerdictSchema>>>;
type _Settings = Expect<SameShape<ExperimentSettings, z.output<typeof experimentSettingsSchema>>>;
