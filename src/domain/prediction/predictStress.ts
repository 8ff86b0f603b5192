import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { ModelVersion } from '../registry/registryRecords.js';
import type { DriftConfig } from '../drift/driftConfig.js';
import type { UploadLimits } from '../wesad/uploadLimits.js';
import { predictInSlices } from './slicedPrediction.js';
import { readUploadedRecording } from './uploadedRecording.js';
import { decodeNpy } from '../datasets/npyDecode.js';
import { readWindowSetFile, readWindowSetManifest } from '../datasets/windowSetStore.js';
import type { WindowSetManifest } from '../wesad/preprocess/windowSetOutput.js';
import { HttpProblem } from '../../platform/http/httpProblem.js';
import { predictionDrift, type PredictionDrift } from '../drift/predictionDrift.js';
import { windowValidity } from '../drift/windowValidity.js';
import type { Signal, WindowSet } from '../training/index.js';
import type { ModelCache } from './modelCache.js';
import { telemetryMetrics } from '../../platform/observability/telemetry.js';

/**
 * One prediction per window, shaped like the design's Flask /predict output, with input drift.
 * A window holding a value that is not finite or outside its signal's range (src/drift/signalRanges.ts)
 * gets no probability: `stressProbability` is null and `excludedBecause` says why. The summary is
 * over the windows that were predicted; when none could be, the request is refused (422).
 */
export interface StressPrediction {
  model: string;
  version: string;
  windows: PredictedWindow[];
  summary: { windows: number; excludedWindows: number; meanStressProbability: number; stressShare: number };
  drift: PredictionDrift;
}

export interface PredictedWindow {
  start: string | null;
  startUnixSeconds: number | null;
  stressProbability: number | null;
  excludedBecause: string | null;
}

export type PredictionInput =
  { kind: 'e4-zip'; content: Uint8Array } | { kind: 'stored'; subject: string; version: string };

export interface PredictionSettings {
  drift: DriftConfig;
  /** Bounds on the uploaded zip's expansion and recording length. */
  limits: UploadLimits;
}

/** A recording's window files and the statistics their z-scoring used. */
interface RecordingFiles {
  file: (name: string) => Buffer;
  normalisation: WindowSetManifest['normalisation'];
}

/**
 * Reads the E4 recording into unlabelled wesad-wrist-v1 windows, asks the version's model about
 * each, and compares the recording's signals with the training inputs (kept as drift over time).
 */
export async function predictStress(
  storage: StorageClients,
  cache: ModelCache,
  version: ModelVersion,
  input: PredictionInput,
  settings: PredictionSettings,
): Promise<StressPrediction> {
  // An uploaded recording is read (and refused if it must be) before any model is loaded.
  const uploaded = input.kind === 'e4-zip' ? await e4Files(input.content, settings.limits) : undefined;
  const model = await cache.model(version);
  const signals = model.params.signals;
  const recording =
    input.kind === 'stored' ? await storedFiles(storage, input.subject, input.version, signals) : uploaded;
  if (recording === undefined) throw new Error('The uploaded recording was not read.');
  const { windows, starts } = fromArrays(signals, recording.file);
  const excluded = windowValidity(windows, signals, recording.normalisation);
  const probabilities = windows.count === 0 ? new Float32Array(0) : await predictInSlices(model, windows);
  const rows = Array.from(probabilities, (probability, index) =>
    predictedWindow(probability, starts[index], excluded[index] ?? null),
  );
  const used = rows.flatMap((row) => (row.stressProbability === null ? [] : [row.stressProbability]));
  const mean = used.length === 0 ? 0 : used.reduce((sum, probability) => sum + probability, 0) / used.length;
  const share = used.length === 0 ? 0 : used.filter((probability) => probability >= 0.5).length / used.length;
  const drift = await predictionDrift(
    storage,
    version,
    await cache.inputProfile(version),
    { kind: input.kind, windows, signals, normalisation: recording.normalisation },
    settings.drift,
  );
  telemetryMetrics.windowsPredicted.add(rows.length, { model: version.model });
  telemetryMetrics.predictionDrift.add(1, {
    model: version.model,
    drift: drift.available ? (drift.flagged ? 'flagged' : 'not-flagged') : 'unavailable',
  });
  if (rows.length > 0 && used.length === 0) {
    // Recorded in the drift series first (flagged), then refused: nothing here can be predicted.
    throw new HttpProblem('validation', 'No window of the recording holds values a wrist sensor can produce.', {
      excludedWindows: rows.length,
      reasons: [...new Set(rows.map((row) => row.excludedBecause))].slice(0, 10),
      drift,
    });
  }
  return {
    model: version.model,
    version: version.version,
    windows: rows,
    summary: {
      windows: rows.length,
      excludedWindows: rows.length - used.length,
      meanStressProbability: mean,
      stressShare: share,
    },
    drift,
  };
}

/** A window's answer: its probability, or why it has none (bad input, an unusable start time, a non-numeric output). */
function predictedWindow(
  probability: number,
  startSeconds: number | undefined,
  excluded: string | null,
): PredictedWindow {
  const start = startSeconds ?? Number.NaN;
  const time = new Date(start * 1000);
  const validTime = Number.isFinite(time.getTime());
  const reason =
    excluded ??
    (validTime ? null : 'its start time is not a valid time') ??
    (Number.isFinite(probability) ? null : 'the model gave no probability for it');
  return {
    start: validTime ? time.toISOString() : null,
    startUnixSeconds: Number.isFinite(start) ? start : null,
    stressProbability: reason === null ? probability : null,
    excludedBecause: reason,
  };
}

async function e4Files(content: Uint8Array, limits: UploadLimits): Promise<RecordingFiles> {
  // The body is already in memory (within the host's request limit); its expansion is bounded by the limits.
  const recording = await readUploadedRecording(content, limits);
  return {
    file: (name) => {
      const data = recording.files.get(name);
      if (data === undefined) throw new Error(`The recording produced no ${name}.`);
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    },
    normalisation: recording.normalisation,
  };
}

async function storedFiles(
  storage: StorageClients,
  subject: string,
  version: string,
  signals: readonly Signal[],
): Promise<RecordingFiles> {
  // The manifest goes last when a window set is written: without it the set is absent or incomplete.
  const manifest = await readWindowSetManifest(storage, subject, version);
  if (manifest === undefined) throw new HttpProblem('not-found', `There is no window set ${subject}/${version}.`);
  const names = ['t.npy', ...signals.map((signal) => `${signal}.npy`)];
  const files = new Map(
    await Promise.all(
      names.map(async (name) => [name, await readWindowSetFile(storage, subject, version, name)] as const),
    ),
  );
  return {
    file: (name) => {
      const file = files.get(name);
      if (file === undefined) throw new Error(`${name} is missing from ${subject}/${version}.`);
      return file;
    },
    normalisation: manifest.normalisation,
  };
}

function fromArrays(
  signals: readonly Signal[],
  file: (name: string) => Buffer,
): { windows: WindowSet; starts: Float64Array } {
  const times = decodeNpy(file('t.npy'));
  if (times.dtype !== '<f8') throw new Error('t.npy is not float64.');
  const count = times.data.length;
  const windows: WindowSet = { count, labels: new Uint8Array(count), signals: {} };
  for (const signal of signals) {
    const array = decodeNpy(file(`${signal}.npy`));
    if (array.dtype !== '<f4') throw new Error(`${signal}.npy is not float32.`);
    windows.signals[signal] = array.data;
  }
  return { windows, starts: times.data };
}
