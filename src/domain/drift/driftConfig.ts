import { z } from 'zod';
import { validate } from '../../platform/config/environment.js';

export interface DriftConfig {
  /** A signal is flagged when its mean moved more than this many training standard deviations. */
  shiftThreshold: number;
}

const schema = z.object({
  DRIFT_SHIFT_THRESHOLD: z.coerce.number().positive().max(100).default(3.5),
});

/**
 * Default 3.5, from measurement on synthetic subjects (E4 recordings of 300 fresh people against
 * 8 training subjects): BVP, TEMP or ACC of an unshifted person crossed 3.5 in 2 of 300 (3 in 5 of
 * 300, 4 in none), while EDA offset by 6 training standard deviations never scored below 4.4.
 * src/drift/signalDrift.ts says why the flag is not on PSI.
 */
export function parseDriftConfig(environment: NodeJS.ProcessEnv): DriftConfig {
  return { shiftThreshold: validate(schema, environment).DRIFT_SHIFT_THRESHOLD };
}
