import { z } from 'zod';
import { validate } from './environment.js';
import {
  DEFAULT_FORMAT_BY_SOURCE,
  PREPROCESSING_FORMATS,
  type PreprocessingFormat,
} from '../wesad/preprocess/parameters.js';

export interface PreprocessingConfig {
  /** The wesad-wrist format ingestion writes for each kind of recording. */
  formats: Readonly<Record<'e4' | 'pickle', PreprocessingFormat>>;
}

const schema = z.object({
  WESAD_E4_FORMAT: z.enum(PREPROCESSING_FORMATS).default(DEFAULT_FORMAT_BY_SOURCE.e4),
  WESAD_PICKLE_FORMAT: z.enum(PREPROCESSING_FORMATS).default(DEFAULT_FORMAT_BY_SOURCE.pickle),
});

/**
 * Defaults: wesad-wrist-v2 for E4 exports (they carry the sensor's start-up seconds), wesad-wrist-v1
 * for subject pickles (the format the existing window sets and runs use).
 */
export function parsePreprocessingConfig(environment: NodeJS.ProcessEnv): PreprocessingConfig {
  const values = validate(schema, environment);
  return { formats: { e4: values.WESAD_E4_FORMAT, pickle: values.WESAD_PICKLE_FORMAT } };
}
