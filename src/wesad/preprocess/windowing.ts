import { LABEL_RATE_HZ, type WristSignalName, type WristSignals } from '../recording.js';
import type { LabelRuns } from './labelRuns.js';
import { allocateNpyFloat32 } from './npy.js';
import { streamStatistics, type SignalStatistics } from './normalisation.js';
import { WINDOW_RATES_HZ, type WindowParameters } from './parameters.js';
import { roundHalfEven } from './pythonRound.js';
import { accelerationMagnitude, averagePairs } from './resampling.js';

export interface SignalWindows {
  name: WristSignalName;
  /** Samples per window. */
  width: number;
  /** n × width, row-major, z-scored. */
  data: Float32Array;
}

export interface WindowSet {
  signals: SignalWindows[];
  /** Start of each window: seconds from the recording start, or Unix seconds for E4 recordings. */
  t: Float64Array;
  statistics: Partial<Record<WristSignalName, SignalStatistics>>;
  durationSeconds: number;
}

export interface LabelledWindowSet extends WindowSet {
  /** 1 = stress, 0 = not stress. */
  y: Uint8Array;
}

/** Float slack in `k·S + W ≤ D`, as in the reference, so a last window ending exactly at D is kept. */
const END_SLACK_SECONDS = 1e-9;

/** The selected wrist streams at their window rates (BVP halved, ACC as magnitude). */
export function prepareStreams(
  wrist: WristSignals,
  signals: readonly WristSignalName[],
): Map<WristSignalName, Float64Array> {
  const streams = new Map<WristSignalName, Float64Array>();
  for (const name of signals) {
    if (name === 'BVP') streams.set(name, averagePairs(wrist.BVP));
    else if (name === 'ACC') streams.set(name, accelerationMagnitude(wrist.ACC));
    else streams.set(name, wrist[name]);
  }
  return streams;
}

export function streamsDuration(streams: Map<WristSignalName, Float64Array>): number {
  return Math.min(...[...streams].map(([name, values]) => values.length / WINDOW_RATES_HZ[name]));
}

/** The wesad-wrist-v1 label rule: stress → 1; baseline, amusement (and meditation if asked) → 0. */
export function windowClass(code: number, includeMeditation: boolean): number | undefined {
  if (code === 2) return 1;
  if (code === 1 || code === 3) return 0;
  if (code === 4 && includeMeditation) return 0;
  return undefined;
}

/** Labelled windows of a subject recording, per the wesad-wrist-v1 contract (design/wesad.md). */
export function labelledWindows(
  wrist: WristSignals,
  labels: LabelRuns,
  parameters: WindowParameters,
): LabelledWindowSet {
  return labelledWindowsOfStreams(prepareStreams(wrist, parameters.signals), labels, parameters);
}

/** As labelledWindows, from streams already at window rates (lets a caller drop the raw wrist arrays first). */
export function labelledWindowsOfStreams(
  streams: Map<WristSignalName, Float64Array>,
  labels: LabelRuns,
  parameters: WindowParameters,
): LabelledWindowSet {
  const durationSeconds = Math.min(streamsDuration(streams), labels.length / LABEL_RATE_HZ);
  const starts: number[] = [];
  const classes: number[] = [];
  for (
    let k = 0;
    k * parameters.stepSeconds + parameters.windowSeconds <= durationSeconds + END_SLACK_SECONDS;
    k += 1
  ) {
    const t0 = k * parameters.stepSeconds;
    const code = labels.uniformCode(
      roundHalfEven(LABEL_RATE_HZ * t0),
      roundHalfEven(LABEL_RATE_HZ * (t0 + parameters.windowSeconds)),
    );
    const label = code === undefined ? undefined : windowClass(code, parameters.includeMeditation);
    if (label === undefined || !fitsAllStreams(streams, t0, parameters.windowSeconds)) continue;
    starts.push(t0);
    classes.push(label);
  }
  return { ...cutWindows(streams, starts, parameters.windowSeconds, durationSeconds), y: Uint8Array.from(classes) };
}

/** Windows every step over the whole recording, without labels (for prediction). */
export function unlabelledWindows(
  streams: Map<WristSignalName, Float64Array>,
  parameters: WindowParameters,
  startSeconds: number,
): WindowSet {
  const durationSeconds = streamsDuration(streams);
  const offsets: number[] = [];
  for (
    let k = 0;
    k * parameters.stepSeconds + parameters.windowSeconds <= durationSeconds + END_SLACK_SECONDS;
    k += 1
  ) {
    const t0 = k * parameters.stepSeconds;
    if (fitsAllStreams(streams, t0, parameters.windowSeconds)) offsets.push(t0);
  }
  const set = cutWindows(streams, offsets, parameters.windowSeconds, durationSeconds);
  return { ...set, t: set.t.map((offset) => startSeconds + offset) };
}

function fitsAllStreams(streams: Map<WristSignalName, Float64Array>, t0: number, windowSeconds: number): boolean {
  for (const [name, values] of streams) {
    const rate = WINDOW_RATES_HZ[name];
    if (roundHalfEven(rate * t0) + roundHalfEven(rate * windowSeconds) > values.length) return false;
  }
  return true;
}

function cutWindows(
  streams: Map<WristSignalName, Float64Array>,
  starts: readonly number[],
  windowSeconds: number,
  durationSeconds: number,
): WindowSet {
  const statistics: Partial<Record<WristSignalName, SignalStatistics>> = {};
  const signals: SignalWindows[] = [];
  for (const [name, values] of streams) {
    const stats = streamStatistics(values);
    statistics[name] = stats;
    const rate = WINDOW_RATES_HZ[name];
    const width = roundHalfEven(rate * windowSeconds);
    const data = allocateNpyFloat32(starts.length, width);
    starts.forEach((t0, row) => {
      const from = roundHalfEven(rate * t0);
      for (let i = 0; i < width; i += 1) data[row * width + i] = ((values[from + i] ?? 0) - stats.mean) / stats.std;
    });
    signals.push({ name, width, data });
  }
  return { signals, t: Float64Array.from(starts), statistics, durationSeconds };
}
