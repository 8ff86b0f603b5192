import { z } from 'zod';
import { validate } from '../../platform/config/environment.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './uploadLimits.js';

export interface HostileInputConfig {
  /** Bounds on what one upload (blob or request body) may make the readers hold or do. */
  upload: UploadLimits;
  /**
   * Predictions from an uploaded zip running at once in this host instance; one more gets 503
   * with Retry-After rather than queueing (a queue would hold each waiting body in memory).
   */
  predictConcurrency: number;
  /** JSON request bodies larger than this get 413 before they are parsed (the API's bodies are under 4 KB). */
  maxJsonBodyBytes: number;
}

/**
 * Reading a zip into windows peaks at about 12 MB per recorded hour plus 50 MB (measured: 1 h
 * 56 MB, 4 h 91 MB), about 0.65 GB at the 48 h limit: two at once, beside the host, fit the 2 GB
 * of a Flex Consumption instance.
 */
export const DEFAULT_PREDICT_CONCURRENCY = 2;

export const DEFAULT_MAX_JSON_BODY_BYTES = 1024 * 1024;

const defaults = DEFAULT_UPLOAD_LIMITS;

const schema = z.object({
  WESAD_MAX_RECORDING_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 31)
    .default(defaults.maxRecordingHours),
  WESAD_ZIP_MAX_ENTRIES: z.coerce.number().int().min(1).max(65_535).default(defaults.zipMaxEntries),
  WESAD_MAX_FILE_BYTES: z.coerce.number().int().positive().default(defaults.maxFileBytes),
  WESAD_ZIP_MAX_TOTAL_BYTES: z.coerce.number().int().positive().default(defaults.zipMaxTotalBytes),
  WESAD_PICKLE_MAX_OPCODES: z.coerce.number().int().min(100).default(defaults.pickleMaxOpcodes),
  WESAD_PREDICT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(DEFAULT_PREDICT_CONCURRENCY),
  WESAD_MAX_JSON_BODY_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_MAX_JSON_BODY_BYTES),
});

/** The hostile-input bounds (defaults and why: src/wesad/uploadLimits.ts), validated once. */
export function parseHostileInputConfig(environment: NodeJS.ProcessEnv): HostileInputConfig {
  const values = validate(schema, environment);
  return {
    upload: {
      maxRecordingHours: values.WESAD_MAX_RECORDING_HOURS,
      zipMaxEntries: values.WESAD_ZIP_MAX_ENTRIES,
      maxFileBytes: values.WESAD_MAX_FILE_BYTES,
      zipMaxTotalBytes: values.WESAD_ZIP_MAX_TOTAL_BYTES,
      pickleMaxOpcodes: values.WESAD_PICKLE_MAX_OPCODES,
    },
    predictConcurrency: values.WESAD_PREDICT_CONCURRENCY,
    maxJsonBodyBytes: values.WESAD_MAX_JSON_BODY_BYTES,
  };
}
