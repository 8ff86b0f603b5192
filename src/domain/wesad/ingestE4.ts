import { readE4Csvs, readE4Zip, type E4Recording } from './e4/e4Recording.js';
import { DEFAULT_UNZIP_LIMITS, type UnzipLimits } from './e4/safeUnzip.js';
import { WesadInputError } from './errors.js';
import type { IngestOptions } from './ingestPickle.js';
import { createHash } from 'node:crypto';
import { resolveParameters, type WindowParameters } from './preprocess/parameters.js';
import { prepareStreams, unlabelledWindows, type WindowSet } from './preprocess/windowing.js';
import { ArtefactMask, type ArtefactReport } from './preprocess/artefacts.js';
import { cleanWindows, prepareCleanStreams } from './preprocess/cleanStreams.js';
import { packageWindowSet, type ProcessedWindowSet } from './preprocess/windowSetOutput.js';
import { resolveSubjectId } from './subjectId.js';

export interface E4IngestOptions extends IngestOptions {
  unzipLimits?: UnzipLimits;
}

/** An E4 export is far smaller than a pickle; beyond this it is refused before unzipping. */
export const DEFAULT_MAX_E4_ZIP_BYTES = 256 * 1024 * 1024;

/**
 * `S{n}_E4_Data.zip` → an unlabelled window set for prediction (no y.npy; t.npy in Unix seconds).
 * Throws WesadInputError for bad input.
 */
export function ingestE4Zip(zip: Uint8Array, options: E4IngestOptions): ProcessedWindowSet {
  checkSize(zip.length, options.maxBytes ?? DEFAULT_MAX_E4_ZIP_BYTES);
  const recording = readE4Zip(zip, options.unzipLimits ?? DEFAULT_UNZIP_LIMITS);
  return packageE4(recording, zip, options, 'e4-zip');
}

/** Loose E4 CSVs (file name → bytes), e.g. uploaded one by one, → the same window set as the zip. */
export function ingestE4Csvs(files: ReadonlyMap<string, Uint8Array>, options: IngestOptions): ProcessedWindowSet {
  const texts = new Map<string, string>();
  const hash = createHash('sha256');
  let size = 0;
  for (const [name, data] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    texts.set(name, Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
    hash.update(`${name}\n${data.length}\n`).update(data);
    size += data.length;
  }
  checkSize(size, options.maxBytes ?? DEFAULT_MAX_E4_ZIP_BYTES);
  return packageE4(readE4Csvs(texts), { sha256: hash.digest('hex'), sizeBytes: size }, options, 'e4-csv');
}

function packageE4(
  recording: E4Recording,
  source: Uint8Array | { sha256: string; sizeBytes: number },
  options: IngestOptions,
  reader: 'e4-zip' | 'e4-csv',
): ProcessedWindowSet {
  const parameters = resolveParameters(options.parameters);
  const subject = resolveSubjectId(options.subject, undefined, options.sourceName);
  const { set, artefacts } = e4Windows(recording, parameters);
  const digest =
    source instanceof Uint8Array
      ? { sha256: createHash('sha256').update(source).digest('hex'), sizeBytes: source.length }
      : source;
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

function checkSize(size: number, maxBytes: number): void {
  if (size === 0) throw new WesadInputError('EMPTY_INPUT', 'The upload is empty (0 bytes).');
  if (size > maxBytes) {
    throw new WesadInputError(
      'INPUT_TOO_LARGE',
      `The upload is larger than the configured limit of ${maxBytes} bytes.`,
    );
  }
}
