import type { ByteChunks } from './pickle/byteSource.js';
import { readWesadPickle, readWesadPickleAtWindowRates } from './pickle/wesadPickleReader.js';
import { ArtefactMask } from './preprocess/artefacts.js';
import { cleanWindows, prepareCleanStreams } from './preprocess/cleanStreams.js';
import type { LabelRuns } from './preprocess/labelRuns.js';
import { resolveParameters, type WindowParameters } from './preprocess/parameters.js';
import { labelledWindowsOfStreams } from './preprocess/windowing.js';
import { packageWindowSet, type ProcessedWindowSet } from './preprocess/windowSetOutput.js';
import { sampleCount, WRIST_SIGNALS } from './recording.js';
import { resolveSubjectId } from './subjectId.js';
import type { UploadLimits } from './uploadLimits.js';

export interface IngestOptions {
  /** Blob or file name of the upload (recorded; also the fallback for the subject id). */
  sourceName: string;
  etag?: string;
  /** Overrides the subject id found in the file. */
  subject?: string;
  /** Refuse uploads larger than this (default 1 GiB). */
  maxBytes?: number;
  /** Window parameters, including the format (default wesad-wrist-v1). */
  parameters?: Partial<WindowParameters>;
  /** Bounds on recording length, expansion and pickle structure (default DEFAULT_UPLOAD_LIMITS). */
  limits?: UploadLimits;
}

/**
 * A subject pickle stream → its window set (wesad-wrist-v1 unless the parameters ask for v2) (npy buffers, manifest, content version).
 * Throws WesadInputError (with a stable `code`) for bad input.
 */
export async function ingestSubjectPickle(chunks: ByteChunks, options: IngestOptions): Promise<ProcessedWindowSet> {
  const parameters = resolveParameters(options.parameters);
  if (parameters.format === 'wesad-wrist-v2') return ingestSubjectPickleV2(chunks, parameters, options);
  const { streams, labels, recorded, source, warnings, details } = await readStreams(chunks, parameters, options);
  const subject = resolveSubjectId(options.subject, recorded, options.sourceName);
  // The streams were read for these windows alone: their memory can go as each signal is cut.
  const set = labelledWindowsOfStreams(streams, labels, parameters, { consumeStreams: true });
  return packageWindowSet(set, {
    subject,
    parameters,
    warnings,
    source: { name: options.sourceName, etag: options.etag ?? null, ...source, reader: 'pickle' },
    details,
  });
}

/**
 * wesad-wrist-v2 needs the raw wrist streams (ACC's axes for saturation and flatness), so it reads
 * them in full; the wrist arrays are small next to the skipped chest data (a few MB per subject).
 */
async function ingestSubjectPickleV2(
  chunks: ByteChunks,
  parameters: WindowParameters,
  options: IngestOptions,
): Promise<ProcessedWindowSet> {
  const { recording, source, warnings } = await readWesadPickle(chunks, { maxBytes: options.maxBytes });
  const subject = resolveSubjectId(options.subject, recording.subject, options.sourceName);
  const mask = ArtefactMask.of(recording.wrist);
  const streams = prepareCleanStreams(recording.wrist, parameters.signals, mask);
  const set = labelledWindowsOfStreams(streams, recording.labels, parameters, {
    acceptWindow: cleanWindows(mask, parameters.windowSeconds),
  });
  return packageWindowSet(set, {
    subject,
    parameters,
    warnings,
    source: { name: options.sourceName, etag: options.etag ?? null, ...source, reader: 'pickle' },
    details: {
      labelSamplesPerCode: labelSamplesPerCode(recording.labels),
      labelSamples: recording.labels.length,
      wristSamples: Object.fromEntries(WRIST_SIGNALS.map((name) => [name, sampleCount(name, recording.wrist[name])])),
    },
    artefacts: mask.report(),
  });
}

function labelSamplesPerCode(labels: LabelRuns): Record<string, number> {
  return Object.fromEntries([...labels.countsByCode()].sort(([a], [b]) => a - b).map(([code, n]) => [String(code), n]));
}

/**
 * Reads the pickle with the wrist streams reduced to their window rates as they stream in: the
 * raw 64 Hz BVP and 3-axis ACC are never held in full, and only the selected streams go on.
 */
async function readStreams(chunks: ByteChunks, parameters: WindowParameters, options: IngestOptions) {
  const { recording, source, warnings } = await readWesadPickleAtWindowRates(chunks, {
    maxBytes: options.maxBytes,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  const details = {
    labelSamplesPerCode: labelSamplesPerCode(recording.labels),
    labelSamples: recording.labels.length,
    wristSamples: Object.fromEntries(WRIST_SIGNALS.map((name) => [name, recording.streams[name].rawSamples])),
  };
  const streams = new Map(parameters.signals.map((name) => [name, recording.streams[name].normalised]));
  return { streams, labels: recording.labels, recorded: recording.subject, source, warnings, details };
}
