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
  return values.length / wristColumns(name);
}

export function wristColumns(name: WristSignalName): number {
  return name === 'ACC' ? 3 : 1;
}

/** Whether an array's shape is (n, columns), trailing axes of 1 allowed, as WESAD stores the stream. */
export function hasWristShape(name: WristSignalName, shape: readonly number[]): boolean {
  const [rows, width = 1, ...rest] = shape;
  return rows !== undefined && width === wristColumns(name) && rest.every((dimension) => dimension === 1);
}

/** The first NaN or ±Inf of a raw stream: its sample (ACC row) and value. */
export interface NonFiniteSample {
  sample: number;
  value: number;
}

/** What validation needs to know of a raw wrist stream, whether it was held in full or reduced as it streamed. */
export interface WristStreamSummary {
  /** Samples at the stream's WRIST_RATES_HZ (ACC rows). */
  rawSamples: number;
  nonFinite: NonFiniteSample | undefined;
}

/** Refuses NaN/Inf samples and streams whose lengths imply different durations (wrong length or rate). */
export function validateWrist(wrist: WristSignals, labelLength: number | undefined): void {
  const summaries = {} as Record<WristSignalName, WristStreamSummary>;
  for (const name of WRIST_SIGNALS) summaries[name] = summariseWrist(name, wrist[name]);
  validateWristSummaries(summaries, labelLength);
}

export function summariseWrist(name: WristSignalName, values: Float64Array): WristStreamSummary {
  return { rawSamples: sampleCount(name, values), nonFinite: firstNonFinite(name, values) };
}

/** As validateWrist, from what was recorded of each stream; the checks and messages are the same. */
export function validateWristSummaries(
  summaries: Readonly<Record<WristSignalName, WristStreamSummary>>,
  labelLength: number | undefined,
): void {
  const durations: [string, number][] = [];
  for (const name of WRIST_SIGNALS) {
    const { rawSamples: count, nonFinite } = summaries[name];
    if (nonFinite !== undefined) {
      throw new WesadInputError(
        'NON_FINITE_SAMPLE',
        `Wrist ${name} holds a non-finite value (${nonFinite.value}) at sample ${nonFinite.sample}.`,
      );
    }
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

function firstNonFinite(name: WristSignalName, values: Float64Array): NonFiniteSample | undefined {
  for (let i = 0; i < values.length; i += 1) {
    // Arithmetic on a NaN or ±Inf stays non-finite, so one subtraction checks both.
    const value = values[i] ?? 0;
    if (value - value !== 0) return { sample: Math.floor(i / wristColumns(name)), value };
  }
  return undefined;
}
