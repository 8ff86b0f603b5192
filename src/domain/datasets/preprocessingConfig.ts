import { z } from 'zod';
import { validate } from '../../platform/config/environment.js';
import {
  DEFAULT_FORMAT_BY_SOURCE,
  PREPROCESSING_FORMATS,
  type PreprocessingFormat,
} from '../wesad/preprocess/parameters.js';

export interface PreprocessingConfig {
  /** The wesad-wrist format ingestion writes for each kind of recording. */
  formats: Readonly<Record<'e4' | 'pickle', PreprocessingFormat>>;
  /** The IANA zone in which S{n}_respiban.txt's local start date and time are read. */
  respibanTimeZone: string;
}

/** WESAD was recorded in Germany; OpenSignals writes the recording computer's local clock. */
export const DEFAULT_RESPIBAN_TIME_ZONE = 'Europe/Berlin';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  WESAD_E4_FORMAT: z.enum(PREPROCESSING_FORMATS).default(DEFAULT_FORMAT_BY_SOURCE.e4),
  WESAD_PICKLE_FORMAT: z.enum(PREPROCESSING_FORMATS).default(DEFAULT_FORMAT_BY_SOURCE.pickle),
  WESAD_RESPIBAN_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'an IANA time zone such as Europe/Berlin')
    .default(DEFAULT_RESPIBAN_TIME_ZONE),
});

/**
 * Defaults: wesad-wrist-v2 for E4 exports (they carry the sensor's start-up seconds), wesad-wrist-v1
 * for subject pickles (the format the existing window sets and runs use), Europe/Berlin for the
 * chest device's clock.
 */
export function parsePreprocessingConfig(environment: NodeJS.ProcessEnv): PreprocessingConfig {
  const values = validate(schema, environment);
  return {
    formats: { e4: values.WESAD_E4_FORMAT, pickle: values.WESAD_PICKLE_FORMAT },
    respibanTimeZone: values.WESAD_RESPIBAN_TIME_ZONE,
  };
}
