import { readFile, writeFile } from 'node:fs/promises';
import { freePort, startEmbeddedAzurite } from '../../devhost/embeddedAzurite.js';
import { startHostProcess, type HostProcess } from '../../devhost/hostProcess.js';
import { createStorageClients, type StorageClients } from '../../src/platform/storage/storageClients.js';
import { ModelRegistry } from '../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../src/domain/registry/registryConfig.js';
import type { ModelVersion } from '../../src/domain/registry/registryRecords.js';
import { loadVersionModel } from '../../src/domain/prediction/versionModel.js';
import { readUploadedRecording } from '../../src/domain/prediction/uploadedRecording.js';
import { predictInSlices } from '../../src/domain/prediction/slicedPrediction.js';
import { decodeNpy } from '../../src/domain/datasets/npyDecode.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../src/domain/wesad/uploadLimits.js';
import { syntheticSubject } from '../../src/domain/wesad/synthetic/syntheticSubject.js';
import type { WindowSet } from '../../src/domain/training/windows.js';
import type { Signal } from '../../src/domain/training/model/params.js';
import { projectRoot } from '../support/projectPaths.js';
import { realisticE4Export, zipOf } from '../support/e4Exports.js';
import { registerArtifact, trainedArtifact } from '../support/registeredModel.js';
import { median } from './benchFigures.js';

const COLD_ROUNDS = 6;
const WARM_REQUESTS = 30;
const REFERENCE_ROUNDS = 10;
const token = 'bench-researcher-token-0000001';
const actor = { id: 'bench-researcher', name: 'bench', roles: ['Researcher'] };

interface Sample {
  ms: number;
  /** The host's peak RSS during the request above its RSS just before it, MB. */
  peakMb: number;
}

/**
 * Prediction latency for a one-hour E4 recording (an export as Empatica writes it, zipped) through
 * the local host: cold, the first request after a stage change to a version this instance has not
 * loaded (artifact download, verification, model build), and warm, the same version again. Beside
 * each, in the same run and process-free: the bare inference of the same model on the same windows
 * (no HTTP, no zip), and the model load on its own. Peak memory per request is the host's peak RSS
 * above its RSS before the request (Linux: writing 5 to /proc/PID/clear_refs resets VmHWM).
 */
export async function runPredictionBench(): Promise<void> {
  const azurite = await startEmbeddedAzurite();
  const storage = createStorageClients({ kind: 'connectionString', connectionString: azurite.connectionString });
  const model = 'bench-predict-cnn';
  const zip = zipOf(realisticE4Export(syntheticSubject({ subject: 'S90', seconds: 3600, seed: 9 })));
  const artifact = await trainedArtifact(1);
  // One version per cold round, each a cache miss for the host (same weights, its own registration).
  const versions: ModelVersion[] = [];
  for (let round = 0; round <= COLD_ROUNDS; round++) {
    versions.push(await registerArtifact(storage, model, artifact, actor));
  }
  const host = await startHostProcess({
    appRoot: projectRoot,
    port: await freePort(),
    environment: {
      AzureWebJobsStorage: azurite.connectionString,
      DEVHOST_AUTH_TOKENS: JSON.stringify({ [token]: actor }),
      CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT: '',
    },
  });
  try {
    const registry = new ModelRegistry(storage, parseRegistryConfig({}));
    const cold: Sample[] = [];
    let windows = 0;
    for (const version of versions) {
      await registry.assignStage(model, 'staging', version.version, actor, 'bench');
      const sample = await predictOnce(host, model, zip);
      windows = sample.windows;
      cold.push(sample);
    }
    const warm: Sample[] = [];
    for (let i = 0; i < WARM_REQUESTS; i++) warm.push(await predictOnce(host, model, zip));
    const [first, ...afterStageChange] = cold;
    const reference = await bareInference(storage, versions[0], zip);

    console.log(
      `prediction recording: 1 h E4 export, zip_mb=${(zip.byteLength / 1e6).toFixed(1)}, windows=${windows}, ` +
        `windows_mb=${reference.windowsMb.toFixed(1)}`,
    );
    if (first !== undefined) {
      console.log(
        `prediction first of the instance ms=${first.ms.toFixed(0)} peak_mb=${first.peakMb.toFixed(0)} ` +
          `(loads the prediction code, the engine and the recording worker too)`,
      );
    }
    const sum = (...parts: number[][]): number[] =>
      (parts[0] ?? []).map((_, i) => parts.reduce((total, part) => total + (part[i] ?? Number.NaN), 0));
    print(
      'cold (after a stage change)',
      afterStageChange,
      reference,
      sum(reference.readMs, reference.loadMs, reference.firstInferMs),
    );
    print('warm', warm, reference, sum(reference.readMs, reference.inferMs));
    console.log(
      `prediction reference, same run, in process: model load ms_median=${median(reference.loadMs).toFixed(0)}; ` +
        `first inference of a loaded model ms_median=${median(reference.firstInferMs).toFixed(0)}; ` +
        `bare inference ms_median=${median(reference.inferMs).toFixed(0)} ` +
        `(${((windows / median(reference.inferMs)) * 1000).toFixed(0)} windows/s); ` +
        `reading the zip into windows ms_median=${median(reference.readMs).toFixed(0)}`,
    );
  } finally {
    await host.kill('SIGTERM');
    await azurite.stop();
  }
}

function print(label: string, samples: Sample[], reference: Reference, referenceMs: number[]): void {
  const ms = samples.map((sample) => sample.ms);
  const peaks = samples.map((sample) => sample.peakMb);
  const p50 = percentile(ms, 50);
  const inferP50 = percentile(reference.inferMs, 50);
  console.log(
    `prediction ${label.padEnd(28)} p50_ms=${p50.toFixed(0)} p99_ms=${percentile(ms, 99).toFixed(0)} ` +
      `peak_mb_median=${median(peaks).toFixed(0)} peak_mb_max=${Math.max(...peaks).toFixed(0)} (${samples.length} requests); ` +
      `same work in process without HTTP p50_ms=${percentile(referenceMs, 50).toFixed(0)} ` +
      `(${(p50 / percentile(referenceMs, 50)).toFixed(2)}x); bare inference p50_ms=${inferP50.toFixed(0)} ` +
      `(${(p50 / inferP50).toFixed(1)}x); zip + windows ${(reference.zipMb + reference.windowsMb).toFixed(0)} MB`,
  );
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function predictOnce(host: HostProcess, model: string, zip: Buffer): Promise<Sample & { windows: number }> {
  const pid = host.pid;
  if (pid === undefined) throw new Error('the host has no process id');
  await writeFile(`/proc/${pid}/clear_refs`, '5');
  const before = await memoryKb(pid, 'VmRSS');
  const started = performance.now();
  const response = await fetch(`${host.origin}/api/models/${model}/stages/staging/predict`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
    body: zip,
  });
  const body = (await response.json()) as { windows?: unknown[] };
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`predict answered ${response.status}: ${JSON.stringify(body)}`);
  const peak = await memoryKb(pid, 'VmHWM');
  return { ms, peakMb: (peak - before) / 1024, windows: body.windows?.length ?? 0 };
}

async function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const value = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  if (!Number.isFinite(value)) throw new Error(`no ${field} in /proc/${pid}/status`);
  return value;
}

interface Reference {
  loadMs: number[];
  /** The first inference of a freshly loaded model (it starts the engine's worker). */
  firstInferMs: number[];
  /** The same model asked again: what a cached model costs. */
  inferMs: number[];
  readMs: number[];
  zipMb: number;
  windowsMb: number;
}

/** In this process, no HTTP: the same zip read into windows, the same version loaded, and its inference timed. */
async function bareInference(
  storage: StorageClients,
  version: ModelVersion | undefined,
  zip: Buffer,
): Promise<Reference> {
  if (version === undefined) throw new Error('no version');
  const reference: Reference = {
    loadMs: [],
    firstInferMs: [],
    inferMs: [],
    readMs: [],
    zipMb: zip.byteLength / 1e6,
    windowsMb: 0,
  };
  let windows: WindowSet | undefined;
  for (let round = 0; round < REFERENCE_ROUNDS; round++) {
    let started = performance.now();
    const recording = await readUploadedRecording(new Uint8Array(zip), DEFAULT_UPLOAD_LIMITS);
    reference.readMs.push(performance.now() - started);
    started = performance.now();
    const loaded = await loadVersionModel(storage, version);
    reference.loadMs.push(performance.now() - started);
    windows ??= windowsOf(recording.files, loaded.params.signals);
    reference.windowsMb = Object.values(windows.signals).reduce((sum, values) => sum + values.byteLength, 0) / 1e6;
    started = performance.now();
    await predictInSlices(loaded, windows);
    reference.firstInferMs.push(performance.now() - started);
    started = performance.now();
    await predictInSlices(loaded, windows);
    reference.inferMs.push(performance.now() - started);
    await loaded.dispose();
  }
  return reference;
}

function windowsOf(files: ReadonlyMap<string, Uint8Array>, signals: readonly Signal[]): WindowSet {
  const file = (name: string): Buffer => {
    const data = files.get(name);
    if (data === undefined) throw new Error(`no ${name}`);
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  };
  const count = decodeNpy(file('t.npy')).data.length;
  const windows: WindowSet = { count, labels: new Uint8Array(count), signals: {} };
  for (const signal of signals) {
    const array = decodeNpy(file(`${signal}.npy`));
    if (array.dtype !== '<f4') throw new Error(`${signal}.npy is not float32`);
    windows.signals[signal] = array.data;
  }
  return windows;
}
