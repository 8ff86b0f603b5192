import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import { predictionDriftSchema } from '../drift/driftSchemas.js';
import type { StressPrediction } from './predictStress.js';

/** POST /api/models/{name}/stages/{stage}/predict's body, for the OpenAPI document; checked below. */
export const stressPredictionSchema = z.object({
  model: z.string(),
  version: z.string(),
  windows: z.array(
    z.object({
      start: z.string().nullable(),
      startUnixSeconds: z.number().nullable(),
      stressProbability: z.number().nullable().describe('null when the window holds a value outside its range'),
      excludedBecause: z.string().nullable(),
    }),
  ),
  summary: z.object({
    windows: z.number(),
    excludedWindows: z.number(),
    meanStressProbability: z.number(),
    stressShare: z.number(),
  }),
  drift: predictionDriftSchema,
});

type _Matches = Expect<SameShape<StressPrediction, z.output<typeof stressPredictionSchema>>>;
