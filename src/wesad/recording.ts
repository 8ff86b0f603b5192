import { WesadInputError } from './errors.js';
import type { LabelRuns } from './preprocess/labelRuns.js';

export type WristSignalName = 'EDA' | 'BVP' | 'TEMP' | 'ACC';

export const WRIST_SIGNALS: readonly WristSignalName[] = ['EDA', 'BVP', 'TEMP', 'ACC'];

/** Sample rates of the Empatica E4 wrist streams as stored in WESAD, and of the label. */
export const WRIST_RATES_HZ: Readonly<Record<WristSignalName, number>> = { EDA: 4, BVP: 64, TEMP: 4, ACC: 32 };
export const LABEL_RATE_HZ = 700;

/** ACC holds rows × 3 axes (row-major, 1/64 g); the others one value per sample. */
export type WristSignals = Readonly<Record<WristSignalName, Float64Array>>;

/** The part of a subject pickle that preprocessing needs. */
export interface WesadSubjectRecording {
  subject: string | undefined;
  wrist: WristSignals;
  labels: LabelRuns;
}

/** Largest disagreement (seconds) between stream durations that still counts as one recording. */
export const DURATION_TOLERANCE_SECONDS = 1;

export function sampleCount(name: WristSignalName, values: Float64Array): number {
  return name === 'ACC' ? values.length / 3 : values.length;
}

/** Refuses NaN/Inf samples and streams whose lengths imply different durations (wrong length or rate). */
export function validateWrist(wrist: WristSignals, labelLength: number | undefined): void {
  const durations: [string, number][] = [];
  for (const name of WRIST_SIGNALS) {
    const values = wrist[name];
    const bad = firstNonFinite(values);
    if (bad >= 0) {
      throw new WesadInputError(
        'NON_FINITE_SAMPLE',
        `Wrist ${name} holds a non-finite value (${values[bad]}) at sample ${name === 'ACC' ? Math.floor(bad / 3) : bad}.`,
      );
    }
    const count = sampleCount(name, values);
    if (count === 0) throw new WesadInputError('MISSING_FIELD', `Wrist ${name} holds no samples.`);
    durations.push([`${name} (${count} samples at ${WRIST_RATES_HZ[name]} Hz)`, count / WRIST_RATES_HZ[name]]);
  }
  if (labelLength !== undefined)
    durations.push([`label (${labelLength} samples at 700 Hz)`, labelLength / LABEL_RATE_HZ]);
  const seconds = durations.map(([, d]) => d);
  const spread = Math.max(...seconds) - Math.min(...seconds);
  if (spread > DURATION_TOLERANCE_SECONDS) {
    const described = durations.map(([what, d]) => `${what} = ${d.toFixed(2)} s`).join(', ');
    throw new WesadInputError(
      'INCONSISTENT_SIGNALS',
      `The streams do not cover the same time span (lengths or rates disagree): ${described}.`,
    );
  }
}

function firstNonFinite(values: Float64Array): number {
  for (let i = 0; i < values.length; i += 1) {
    // Arithmetic on a NaN or ±Inf stays non-finite, so one subtraction checks both.
    const value = values[i] ?? 0;
    if (value - value !== 0) return i;
  }
  return -1;
}
