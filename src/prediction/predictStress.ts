import type { StorageClients } from '../storage/storageClients.js';
import type { ModelVersion } from '../registry/registryRecords.js';
import { ingestE4Zip } from '../wesad/ingestE4.js';
import { decodeNpy } from '../datasets/npyDecode.js';
import { readWindowSetFile } from '../datasets/windowSetStore.js';
import type { Signal, WindowSet } from '../training/index.js';
import type { ModelCache } from './modelCache.js';

/** One prediction per window, shaped like the design's Flask /predict output. */
export interface StressPrediction {
  model: string;
  version: string;
  windows: { start: string; startUnixSeconds: number; stressProbability: number }[];
  summary: { windows: number; meanStressProbability: number; stressShare: number };
}

export type PredictionInput =
  { kind: 'e4-zip'; content: Buffer } | { kind: 'stored'; subject: string; version: string };

/** Reads the E4 recording into unlabelled wesad-wrist-v1 windows and asks the version's model about each. */
export async function predictStress(
  storage: StorageClients,
  cache: ModelCache,
  version: ModelVersion,
  input: PredictionInput,
): Promise<StressPrediction> {
  const model = await cache.model(version);
  const signals = model.params.signals;
  const { windows, starts } =
    input.kind === 'e4-zip'
      ? fromArrays(signals, (name) =>
          fileOf(ingestE4Zip(input.content, { sourceName: 'prediction.zip', subject: 'prediction' }).files, name),
        )
      : fromArrays(signals, await storedFiles(storage, input.subject, input.version, signals));
  const probabilities = windows.count === 0 ? new Float32Array(0) : await model.predict(windows);
  const rows = Array.from(probabilities, (probability, index) => {
    const start = starts[index] ?? 0;
    return { start: new Date(start * 1000).toISOString(), startUnixSeconds: start, stressProbability: probability };
  });
  const mean = rows.length === 0 ? 0 : rows.reduce((sum, row) => sum + row.stressProbability, 0) / rows.length;
  const share = rows.length === 0 ? 0 : rows.filter((row) => row.stressProbability >= 0.5).length / rows.length;
  return {
    model: version.model,
    version: version.version,
    windows: rows,
    summary: { windows: rows.length, meanStressProbability: mean, stressShare: share },
  };
}

async function storedFiles(
  storage: StorageClients,
  subject: string,
  version: string,
  signals: readonly Signal[],
): Promise<(name: string) => Buffer> {
  const names = ['t.npy', ...signals.map((signal) => `${signal}.npy`)];
  const files = new Map(
    await Promise.all(
      names.map(async (name) => [name, await readWindowSetFile(storage, subject, version, name)] as const),
    ),
  );
  return (name) => {
    const file = files.get(name);
    if (file === undefined) throw new Error(`${name} is missing from ${subject}/${version}.`);
    return file;
  };
}

function fileOf(files: readonly { name: string; data: Buffer }[], name: string): Buffer {
  const file = files.find((candidate) => candidate.name === name);
  if (file === undefined) throw new Error(`The recording produced no ${name}.`);
  return file.data;
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
