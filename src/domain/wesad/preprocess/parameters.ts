import { WesadInputError } from '../errors.js';
import { WRIST_SIGNALS, type WristSignalName } from '../recording.js';

/** The default format, and the only one before v2: its outputs and versions never change. */
export const PREPROCESSING_FORMAT = 'wesad-wrist-v1';

/**
 * wesad-wrist-v2 is v1 plus the exclusion of sensor start-up and off-wrist seconds from the
 * z-score statistics and from the windows (docs/preprocessing.md, src/wesad/preprocess/artefacts.ts).
 */
export const PREPROCESSING_FORMATS = ['wesad-wrist-v1', 'wesad-wrist-v2'] as const;
export type PreprocessingFormat = (typeof PREPROCESSING_FORMATS)[number];

/**
 * The format ingestion and the CLI use unless told otherwise: E4 exports carry the sensor's
 * start-up and off-wrist seconds, so v2; pickles stay on v1, whose window sets earlier runs were
 * trained on (WESAD_PICKLE_FORMAT switches ingestion).
 */
export const DEFAULT_FORMAT_BY_SOURCE: Readonly<Record<'e4' | 'pickle', PreprocessingFormat>> = {
  e4: 'wesad-wrist-v2',
  pickle: 'wesad-wrist-v1',
};

/** The knobs of the wesad-wrist contract; recorded in every manifest and part of the version. */
export interface WindowParameters {
  format: PreprocessingFormat;
  windowSeconds: number;
  stepSeconds: number;
  signals: WristSignalName[];
  includeMeditation: boolean;
}

export const DEFAULT_WINDOW_PARAMETERS: Readonly<WindowParameters> = {
  format: PREPROCESSING_FORMAT,
  windowSeconds: 8,
  stepSeconds: 2,
  signals: [...WRIST_SIGNALS],
  includeMeditation: false,
};

/** Rates after resampling (BVP pairs averaged to 32 Hz, ACC reduced to its magnitude). */
export const WINDOW_RATES_HZ: Readonly<Record<WristSignalName, number>> = { EDA: 4, BVP: 32, TEMP: 4, ACC: 32 };

export function resolveParameters(overrides: Partial<WindowParameters> = {}): WindowParameters {
  const parameters: WindowParameters = { ...DEFAULT_WINDOW_PARAMETERS, ...overrides };
  const { windowSeconds, stepSeconds, signals, format } = parameters;
  if (!PREPROCESSING_FORMATS.includes(format)) {
    throw new WesadInputError(
      'INVALID_PARAMETERS',
      `format must be one of ${PREPROCESSING_FORMATS.join(', ')}, got ${format.slice(0, 40)}.`,
    );
  }
  if (!(Number.isFinite(windowSeconds) && windowSeconds > 0 && windowSeconds <= 600)) {
    throw new WesadInputError('INVALID_PARAMETERS', `windowSeconds must be in (0, 600], got ${windowSeconds}.`);
  }
  if (!(Number.isFinite(stepSeconds) && stepSeconds > 0 && stepSeconds <= 600)) {
    throw new WesadInputError('INVALID_PARAMETERS', `stepSeconds must be in (0, 600], got ${stepSeconds}.`);
  }
  const unknown = signals.filter((name) => !WRIST_SIGNALS.includes(name));
  if (signals.length === 0 || unknown.length > 0 || new Set(signals).size !== signals.length) {
    throw new WesadInputError(
      'INVALID_PARAMETERS',
      `signals must be distinct names among ${WRIST_SIGNALS.join(', ')}.`,
    );
  }
  // Canonical signal order keeps the version independent of how a caller listed them.
  return { ...parameters, signals: WRIST_SIGNALS.filter((name) => signals.includes(name)) };
}
