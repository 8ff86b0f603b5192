import { createHash } from 'node:crypto';
import { readE4Csvs, readE4Zip, type E4ReadLimits, type E4Recording } from './e4/e4Recording.js';
import { WesadInputError } from './errors.js';
import type { IngestOptions } from './ingestPickle.js';
import type { ByteChunks } from './pickle/byteSource.js';
import { resolveParameters, type WindowParameters } from './preprocess/parameters.js';
import { prepareStreams, unlabelledWindows, type WindowSet } from './preprocess/windowing.js';
import { ArtefactMask, type ArtefactReport } from './preprocess/artefacts.js';
import { cleanWindows, prepareCleanStreams } from './preprocess/cleanStreams.js';
import { packageWindowSet, type ProcessedWindowSet } from './preprocess/windowSetOutput.js';
import { resolveSubjectId } from './subjectId.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './uploadLimits.js';

export interface E4IngestOptions extends IngestOptions {
  /** Bounds on expansion and recording length (defaults: DEFAULT_UPLOAD_LIMITS). */
  limits?: UploadLimits;
}

/** An E4 export is far smaller than a pickle; beyond this it is refused while it streams in. */
export const DEFAULT_MAX_E4_ZIP_BYTES = 256 * 1024 * 1024;

/** One loose CSV: its size (known from the blob before it is read, and hashed with it) and its bytes. */
export interface CsvUpload {
  sizeBytes: number;
  chunks: ByteChunks;
}

/**
 * `S{n}_E4_Data.zip`, streamed → an unlabelled window set for prediction (no y.npy; t.npy in Unix
 * seconds). Throws WesadInputError for bad input (WesadLimitError when it passes a limit).
 */
export async function ingestE4Zip(zip: ByteChunks | Uint8Array, options: E4IngestOptions): Promise<ProcessedWindowSet> {
  const { recording, source, subject } = await readE4Zip(chunksOf(zip), readLimits(options));
  return packageE4(recording, source, options, 'e4-zip', subject);
}

/** Loose E4 CSVs (file name → upload), e.g. uploaded one by one, → the same window set as the zip. */
export async function ingestE4Csvs(
  files: ReadonlyMap<string, CsvUpload | Uint8Array>,
  options: E4IngestOptions,
): Promise<ProcessedWindowSet> {
  const sorted = [...files]
    .map(([name, file]): [string, CsvUpload] => [name, file instanceof Uint8Array ? csvUploadOf(file) : file])
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const size = sorted.reduce((total, [, file]) => total + file.sizeBytes, 0);
  if (size === 0) throw new WesadInputError('EMPTY_INPUT', 'The upload is empty (0 bytes).');
  const hash = createHash('sha256');
  // readE4Csvs reads the files in name order, so hashing `name\nlength\n` + bytes of each as it
  // streams past gives the digest of the files concatenated in name order.
  const hashed = new Map(sorted.map(([name, file]) => [name, hashing(name, file, hash)] as const));
  const recording = await readE4Csvs(hashed, readLimits(options));
  return packageE4(recording, { sha256: hash.digest('hex'), sizeBytes: size }, options, 'e4-csv');
}

/** Bytes already in memory (a file the CLI read, a test's fixture) as the one chunk of a stream. */
function chunksOf(source: ByteChunks | Uint8Array): ByteChunks {
  return source instanceof Uint8Array ? [source] : source;
}

function csvUploadOf(content: Uint8Array): CsvUpload {
  return { sizeBytes: content.length, chunks: [content] };
}

/** The read limits of an E4 export: the upload limits and the compressed size. */
export function readLimits(options: E4IngestOptions): E4ReadLimits {
  return {
    ...(options.limits ?? DEFAULT_UPLOAD_LIMITS),
    maxCompressedBytes: options.maxBytes ?? DEFAULT_MAX_E4_ZIP_BYTES,
  };
}

async function* hashing(
  name: string,
  file: CsvUpload,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<Uint8Array> {
  hash.update(`${name}\n${file.sizeBytes}\n`);
  for await (const chunk of file.chunks) {
    if (typeof chunk === 'string') throw new TypeError('The CSV stream yields text; read it as bytes.');
    hash.update(chunk);
    yield chunk;
  }
}

function packageE4(
  recording: E4Recording,
  digest: { sha256: string; sizeBytes: number },
  options: IngestOptions,
  reader: 'e4-zip' | 'e4-csv',
  namedInside?: string,
): ProcessedWindowSet {
  const parameters = resolveParameters(options.parameters);
  // The folder inside a zip plays the part of a pickle's recorded subject: the blob's name must agree.
  const subject = resolveSubjectId(options.subject, namedInside, options.sourceName);
  const { set, artefacts } = e4Windows(recording, parameters);
  return packageWindowSet(set, {
    subject,
    parameters,
    warnings: recording.warnings,
    source: { name: options.sourceName, etag: options.etag ?? null, ...digest, reader },
    details: { startUnix: recording.startUnix },
    artefacts,
  });
}

/** v1: every window over the whole export; v2: artefact seconds out of the statistics and the windows. */
function e4Windows(
  recording: E4Recording,
  parameters: WindowParameters,
): { set: WindowSet; artefacts?: ArtefactReport } {
  if (parameters.format === 'wesad-wrist-v1') {
    return {
      set: unlabelledWindows(prepareStreams(recording.wrist, parameters.signals), parameters, recording.startUnix),
    };
  }
  const mask = ArtefactMask.of(recording.wrist);
  const streams = prepareCleanStreams(recording.wrist, parameters.signals, mask);
  const set = unlabelledWindows(streams, parameters, recording.startUnix, {
    acceptWindow: cleanWindows(mask, parameters.windowSeconds),
  });
  return { set, artefacts: mask.report() };
}
