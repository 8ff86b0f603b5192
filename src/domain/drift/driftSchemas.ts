import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import { SIGNALS } from '../training/index.js';
import type { DriftPoint } from './driftHistory.js';
import type { PredictionDrift } from './predictionDrift.js';

/** What the drift of prediction inputs looks like through the API, for the OpenAPI document; checked below. */

const signal = z.enum(SIGNALS);

export const driftPointSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  inputKind: z.enum(['e4-zip', 'stored']),
  windows: z.number(),
  threshold: z.number(),
  flagged: z.boolean(),
  signals: z.partialRecord(
    signal,
    z.object({
      psi: z.number().nullable(),
      meanShiftInStd: z.number().nullable(),
      flagged: z.boolean(),
      reasons: z.array(z.string()).optional().describe('Only where the input itself flagged the signal'),
    }),
  ),
});

const signalDriftSchema = z.object({
  psi: z
    .number()
    .nullable()
    .describe('Population stability index against the training deciles; reported, not what flags'),
  meanShiftInStd: z.number().nullable(),
  flagged: z.boolean(),
  reasons: z.array(z.string()),
  invalidValues: z.number(),
  trainingMean: z.number(),
  trainingStd: z.number(),
});

export const predictionDriftSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    windows: z.number(),
    threshold: z.number(),
    flagged: z.boolean(),
    signals: z.partialRecord(signal, signalDriftSchema),
  }),
  z.object({ available: z.literal(false), reason: z.enum(['no-input-profile', 'no-windows']), detail: z.string() }),
]);

type _Point = Expect<SameShape<DriftPoint, z.output<typeof driftPointSchema>>>;
type _Prediction = Expect<SameShape<PredictionDrift, z.output<typeof predictionDriftSchema>>>;
