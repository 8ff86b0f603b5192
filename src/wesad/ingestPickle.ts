import type { ByteChunks } from './pickle/byteSource.js';
import { readWesadPickle } from './pickle/wesadPickleReader.js';
import { resolveParameters, type WindowParameters } from './preprocess/parameters.js';
import { labelledWindowsOfStreams, prepareStreams } from './preprocess/windowing.js';
import { packageWindowSet, type ProcessedWindowSet } from './preprocess/windowSetOutput.js';
import { sampleCount, WRIST_SIGNALS } from './recording.js';
import { resolveSubjectId } from './subjectId.js';

export interface IngestOptions {
  /** Blob or file name of the upload (recorded; also the fallback for the subject id). */
  sourceName: string;
  etag?: string;
  /** Overrides the subject id found in the file. */
  subject?: string;
  /** Refuse uploads larger than this (default 1 GiB). */
  maxBytes?: number;
  parameters?: Partial<Omit<WindowParameters, 'format'>>;
}

/**
 * A subject pickle stream → the wesad-wrist-v1 window set (npy buffers, manifest, content version).
 * Throws WesadInputError (with a stable `code`) for bad input.
 */
export async function ingestSubjectPickle(chunks: ByteChunks, options: IngestOptions): Promise<ProcessedWindowSet> {
  const parameters = resolveParameters(options.parameters);
  const { streams, labels, recorded, source, warnings, details } = await readStreams(chunks, parameters, options);
  const subject = resolveSubjectId(options.subject, recorded, options.sourceName);
  const set = labelledWindowsOfStreams(streams, labels, parameters);
  return packageWindowSet(set, {
    subject,
    parameters,
    warnings,
    source: { name: options.sourceName, etag: options.etag ?? null, ...source, reader: 'pickle' },
    details,
  });
}

/**
 * Reads the pickle and keeps only the streams at window rates: returning from here lets the raw
 * 64 Hz BVP and 3-axis ACC arrays be collected before the windows are allocated.
 */
async function readStreams(chunks: ByteChunks, parameters: WindowParameters, options: IngestOptions) {
  const { recording, source, warnings } = await readWesadPickle(chunks, { maxBytes: options.maxBytes });
  const details = {
    labelSamplesPerCode: Object.fromEntries(
      [...recording.labels.countsByCode()].sort(([a], [b]) => a - b).map(([code, n]) => [String(code), n]),
    ),
    labelSamples: recording.labels.length,
    wristSamples: Object.fromEntries(WRIST_SIGNALS.map((name) => [name, sampleCount(name, recording.wrist[name])])),
  };
  const streams = prepareStreams(recording.wrist, parameters.signals);
  return { streams, labels: recording.labels, recorded: recording.subject, source, warnings, details };
}
