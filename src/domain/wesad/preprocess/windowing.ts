/// <reference lib="es2024.arraybuffer" />
import { LABEL_RATE_HZ, type WristSignalName, type WristSignals } from '../recording.js';
import type { LabelRuns } from './labelRuns.js';
import { allocateNpyFloat32 } from './npy.js';
import { normalisedStream, type NormalisedStream, type SignalStatistics } from './normalisation.js';
import { WINDOW_RATES_HZ, type WindowParameters } from './parameters.js';
import { roundHalfEven } from './pythonRound.js';
import { atWindowRate } from './resampling.js';

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

/** The selected wrist streams at their window rates (BVP halved, ACC as magnitude), z-scored. */
export function prepareStreams(wrist: WristSignals, signals: readonly WristSignalName[]): WindowStreams {
  const streams = new Map<WristSignalName, NormalisedStream>();
  for (const name of signals) streams.set(name, normalisedStream(atWindowRate(name, wrist[name])));
  return streams;
}

/** What windows are cut from: each selected signal at its window rate, z-scored over the whole stream. */
export type WindowStreams = ReadonlyMap<WristSignalName, NormalisedStream>;

export function streamsDuration(streams: WindowStreams): number {
  return Math.min(...[...streams].map(([name, { z }]) => z.length / WINDOW_RATES_HZ[name]));
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

export interface WindowOptions {
  consumeStreams?: boolean;
  /** wesad-wrist-v2: whether the window starting at t0 (seconds from the streams' start) may be kept. */
  acceptWindow?: (startSeconds: number) => boolean;
}

/**
 * As labelledWindows, from streams already at window rates and z-scored (as the pickle reader
 * yields them). With `consumeStreams`, for a caller that holds the streams for this alone, each
 * stream's memory is handed back as soon as its windows are cut, and the streams are unusable after.
 */
export function labelledWindowsOfStreams(
  streams: WindowStreams,
  labels: LabelRuns,
  parameters: WindowParameters,
  { consumeStreams = false, acceptWindow }: WindowOptions = {},
): LabelledWindowSet {
  const durationSeconds = Math.min(streamsDuration(streams), labels.length / LABEL_RATE_HZ);
  const lengths = streamLengths(streams);
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
    if (label === undefined || !fitsAll(lengths, t0, parameters.windowSeconds)) continue;
    if (acceptWindow !== undefined && !acceptWindow(t0)) continue;
    starts.push(t0);
    classes.push(label);
  }
  const set = cutWindows(streams, starts, parameters.windowSeconds, durationSeconds, consumeStreams);
  return { ...set, y: Uint8Array.from(classes) };
}

/** Windows every step over the whole recording, without labels (for prediction). */
export function unlabelledWindows(
  streams: WindowStreams,
  parameters: WindowParameters,
  startSeconds: number,
  { acceptWindow }: Pick<WindowOptions, 'acceptWindow'> = {},
): WindowSet {
  const durationSeconds = streamsDuration(streams);
  const lengths = streamLengths(streams);
  const offsets: number[] = [];
  for (
    let k = 0;
    k * parameters.stepSeconds + parameters.windowSeconds <= durationSeconds + END_SLACK_SECONDS;
    k += 1
  ) {
    const t0 = k * parameters.stepSeconds;
    if (!fitsAll(lengths, t0, parameters.windowSeconds)) continue;
    if (acceptWindow === undefined || acceptWindow(t0)) offsets.push(t0);
  }
  const set = cutWindows(streams, offsets, parameters.windowSeconds, durationSeconds, false);
  return { ...set, t: set.t.map((offset) => startSeconds + offset) };
}

interface StreamLength {
  rate: number;
  samples: number;
}

/**
 * Each stream's rate and length, looked up once: walking the Map for every window made the check
 * V8 optimises several times larger, and its compilation memory showed in the peak RSS.
 */
function streamLengths(streams: WindowStreams): StreamLength[] {
  return [...streams].map(([name, { z }]) => ({ rate: WINDOW_RATES_HZ[name], samples: z.length }));
}

function fitsAll(lengths: readonly StreamLength[], t0: number, windowSeconds: number): boolean {
  for (const { rate, samples } of lengths) {
    if (roundHalfEven(rate * t0) + roundHalfEven(rate * windowSeconds) > samples) return false;
  }
  return true;
}

function cutWindows(
  streams: WindowStreams,
  starts: readonly number[],
  windowSeconds: number,
  durationSeconds: number,
  consumeStreams: boolean,
): WindowSet {
  const statistics: Partial<Record<WristSignalName, SignalStatistics>> = {};
  for (const [name, stream] of streams) statistics[name] = stream.statistics;
  // Consumed streams are cut longest first: each is freed once cut, so when the last windows are
  // written, only the shortest stream is still held next to the window set.
  const order = consumeStreams ? [...streams].sort(([, a], [, b]) => b.z.length - a.z.length) : [...streams];
  const cut = new Map<WristSignalName, SignalWindows>();
  for (const [name, { z }] of order) {
    const rate = WINDOW_RATES_HZ[name];
    const width = roundHalfEven(rate * windowSeconds);
    const data = allocateNpyFloat32(starts.length, width);
    for (const [row, t0] of starts.entries()) {
      const from = roundHalfEven(rate * t0);
      data.set(z.subarray(from, from + width), row * width);
    }
    cut.set(name, { name, width, data });
    // transfer(0) detaches the stream and frees its memory now, not at a garbage collection that
    // a short run may never reach before the next windows are allocated. A view into a larger
    // buffer is left alone: the rest of that buffer is not the stream's to free.
    const ownsBuffer = z.byteOffset === 0 && z.byteLength === z.buffer.byteLength;
    if (consumeStreams && ownsBuffer) z.buffer.transfer(0);
  }
  const signals = [...streams.keys()].flatMap((name) => cut.get(name) ?? []);
  return { signals, t: Float64Array.from(starts), statistics, durationSeconds };
}
