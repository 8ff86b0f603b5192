import { createHash } from 'node:crypto';
import type { WristSignalName } from '../recording.js';
import { contentVersion, type NamedBuffer } from './contentVersion.js';
import type { SignalStatistics } from './normalisation.js';
import { WINDOW_RATES_HZ, type WindowParameters } from './parameters.js';
import { encodeNpy } from './npy.js';
import type { LabelledWindowSet, WindowSet } from './windowing.js';
import type { ArtefactReport } from './artefacts.js';

export interface SourceDescription {
  /** Blob or file name of the upload. */
  name: string;
  etag: string | null;
  sha256: string;
  sizeBytes: number;
  reader: 'pickle' | 'e4-zip' | 'e4-csv';
}

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
  dtype: string;
  shape: number[];
}

export interface WindowSetManifest {
  format: WindowParameters['format'];
  kind: 'labelled' | 'unlabelled';
  subject: string;
  version: string;
  contentSha256: string;
  source: SourceDescription;
  parameters: WindowParameters & { ratesHz: Partial<Record<WristSignalName, number>> };
  durationSeconds: number;
  /** t.npy holds seconds from the recording start (labelled) or Unix seconds (unlabelled E4 data). */
  timeBase: 'recording-start' | 'unix';
  normalisation: Partial<Record<WristSignalName, SignalStatistics>>;
  counts: { windows: number; perClass: Record<string, number> };
  files: ManifestFile[];
  warnings: string[];
  /** Anything else a reader recorded about the input (e.g. label samples per code). */
  details: Record<string, unknown>;
  /** wesad-wrist-v2 only: the seconds excluded as sensor artefacts, by the rule recorded here. */
  artefacts?: ArtefactReport;
}

/** What the blob trigger writes to wesad-processed/{subject}/{version}/: the files plus manifest.json. */
export interface ProcessedWindowSet {
  subject: string;
  version: string;
  files: NamedBuffer[];
  manifest: WindowSetManifest;
  manifestJson: Buffer;
}

export interface WindowSetContext {
  subject: string;
  source: SourceDescription;
  parameters: WindowParameters;
  warnings: string[];
  details: Record<string, unknown>;
  artefacts?: ArtefactReport;
}

/** Encodes a window set as .npy buffers, derives its content version and writes the manifest. */
export function packageWindowSet(set: WindowSet | LabelledWindowSet, context: WindowSetContext): ProcessedWindowSet {
  const count = set.t.length;
  const arrays: { name: string; data: Buffer; dtype: string; shape: number[] }[] = set.signals.map((signal) => ({
    name: `${signal.name}.npy`,
    data: encodeNpy(signal.data, [count, signal.width]),
    dtype: '<f4',
    shape: [count, signal.width],
  }));
  const labelled = 'y' in set;
  if (labelled) arrays.push({ name: 'y.npy', data: encodeNpy(set.y, [count]), dtype: '|u1', shape: [count] });
  arrays.push({ name: 't.npy', data: encodeNpy(set.t, [count]), dtype: '<f8', shape: [count] });
  const files: NamedBuffer[] = arrays.map(({ name, data }) => ({ name, data }));
  const { version, sha256 } = contentVersion({ parameters: context.parameters, subject: context.subject }, files);
  const perClass: Record<string, number> = {};
  if (labelled) for (const y of set.y) perClass[String(y)] = (perClass[String(y)] ?? 0) + 1;
  const manifest: WindowSetManifest = {
    format: context.parameters.format,
    kind: labelled ? 'labelled' : 'unlabelled',
    subject: context.subject,
    version,
    contentSha256: sha256,
    source: context.source,
    parameters: {
      ...context.parameters,
      ratesHz: Object.fromEntries(context.parameters.signals.map((name) => [name, WINDOW_RATES_HZ[name]])),
    },
    durationSeconds: set.durationSeconds,
    timeBase: labelled ? 'recording-start' : 'unix',
    normalisation: set.statistics,
    counts: { windows: count, perClass },
    files: arrays.map(({ name, data, dtype, shape }) => ({
      name,
      bytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      dtype,
      shape,
    })),
    warnings: context.warnings,
    details: context.details,
    // Absent, not null, for v1: its manifests stay exactly as they were.
    ...(context.artefacts === undefined ? {} : { artefacts: context.artefacts }),
  };
  return {
    subject: context.subject,
    version,
    files,
    manifest,
    manifestJson: Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`),
  };
}
