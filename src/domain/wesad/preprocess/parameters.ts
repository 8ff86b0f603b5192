import { WesadInputError } from '../errors.js';
import { WRIST_SIGNALS, type WristSignalName } from '../recording.js';

export const PREPROCESSING_FORMAT = 'wesad-wrist-v1';

/** The knobs of the wesad-wrist-v1 contract; recorded in every manifest and part of the version. */
export interface WindowParameters {
  format: typeof PREPROCESSING_FORMAT;
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

export function resolveParameters(overrides: Partial<Omit<WindowParameters, 'format'>> = {}): WindowParameters {
  const parameters: WindowParameters = { ...DEFAULT_WINDOW_PARAMETERS, ...overrides, format: PREPROCESSING_FORMAT };
  const { windowSeconds, stepSeconds, signals } = parameters;
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
