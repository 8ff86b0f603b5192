import { LABEL_RATE_HZ, WRIST_RATES_HZ, wristColumns, type WristSignalName } from './recording.js';

/**
 * Bounds on what one upload may make the readers hold or do, so that memory and CPU per upload
 * are bounded by construction rather than by the size of the (possibly compressed) input.
 * Each is a setting (src/config/hostileInputConfig.ts); the defaults are below.
 */
export interface UploadLimits {
  /** The longest recording accepted; every stream's sample count is bounded by it at its E4 rate. */
  maxRecordingHours: number;
  /** Entries in a zip, directories included. */
  zipMaxEntries: number;
  /** Bytes of any one file of an E4 export: a zip entry counted while it inflates, or a loose CSV. */
  maxFileBytes: number;
  /** Uncompressed bytes of all entries of a zip together, counted while they inflate. */
  zipMaxTotalBytes: number;
  /** Opcodes a pickle may execute: bounds the objects it can build, whatever their kind. */
  pickleMaxOpcodes: number;
}

/**
 * - 48 h: a WESAD session is under 2 h and an E4 holds about 60 h of data; a day and a night fit.
 * - 64 entries: an E4 export holds 8 files.
 * - 128 MiB per file: BVP.csv over 48 h is 11.1 M lines of at most ~8 bytes (`-132.17`), 90 MB.
 * - 256 MiB in all: the four signal CSVs over 48 h come to about 190 MB; the other files are small.
 * - 1 M opcodes: a subject pickle executes a few thousand (each array is one payload), and a
 *   million small objects stay within tens of MB.
 */
export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = {
  maxRecordingHours: 48,
  zipMaxEntries: 64,
  maxFileBytes: 128 * 1024 * 1024,
  zipMaxTotalBytes: 256 * 1024 * 1024,
  pickleMaxOpcodes: 1_000_000,
};

/** The setting that carries each limit (named in errors and in 413 answers). */
export const UPLOAD_LIMIT_SETTINGS: Readonly<Record<keyof UploadLimits, string>> = {
  maxRecordingHours: 'WESAD_MAX_RECORDING_HOURS',
  zipMaxEntries: 'WESAD_ZIP_MAX_ENTRIES',
  maxFileBytes: 'WESAD_MAX_FILE_BYTES',
  zipMaxTotalBytes: 'WESAD_ZIP_MAX_TOTAL_BYTES',
  pickleMaxOpcodes: 'WESAD_PICKLE_MAX_OPCODES',
};

export const MAX_UPLOAD_BYTES_SETTING = 'WESAD_MAX_UPLOAD_BYTES';

/** The most samples (ACC: rows) a wrist stream of the longest accepted recording holds. */
export function maxWristSamples(name: WristSignalName, hours: number): number {
  return Math.ceil(hours * 3600 * WRIST_RATES_HZ[name]);
}

/** The most array elements a wrist stream may hold (ACC has three per sample). */
export function maxWristElements(name: WristSignalName, hours: number): number {
  return maxWristSamples(name, hours) * wristColumns(name);
}

/** The most 700 Hz labels the longest accepted recording holds. */
export function maxLabelSamples(hours: number): number {
  return Math.ceil(hours * 3600 * LABEL_RATE_HZ);
}
