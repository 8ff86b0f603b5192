import { WesadInputError } from '../errors.js';
import { LabelRuns } from '../preprocess/labelRuns.js';
import { validateWrist, WRIST_SIGNALS, type WesadSubjectRecording, type WristSignalName } from '../recording.js';
import { ByteSource, type ByteChunks } from './byteSource.js';
import { decodeToFloat64, elementCount, LabelStreamDecoder } from './ndarrayDecoding.js';
import { PickleMachine, type PayloadDecision } from './pickleMachine.js';
import { asText, NdArray, PendingNdArray, PyDict, SkippedBytes, StreamedLabel, type PyValue } from './values.js';

export interface PickleReadOptions {
  /** Uploads larger than this are refused while streaming. */
  maxBytes?: number;
}

export interface SourceDigest {
  sizeBytes: number;
  sha256: string;
}

export interface WesadPickleReadResult {
  recording: WesadSubjectRecording;
  source: SourceDigest;
  warnings: string[];
}

/** A real subject pickle is about 0.3 GB; 1 GiB leaves room without inviting abuse. */
export const DEFAULT_MAX_PICKLE_BYTES = 1024 * 1024 * 1024;

const WRIST_NAMES: ReadonlySet<string> = new Set(WRIST_SIGNALS);

/** Keeps signal.wrist.* and streams the label; every other array (the 700 Hz chest data) is skipped. */
function wesadPayloadDecision(path: readonly string[] | undefined): PayloadDecision {
  if (path === undefined) return 'keep';
  if (path.length === 1 && path[0] === 'label') return 'label';
  if (path.length === 3 && path[0] === 'signal' && path[1] === 'wrist' && WRIST_NAMES.has(path[2] ?? '')) {
    return 'keep';
  }
  return 'skip';
}

/**
 * Reads a WESAD subject pickle from a byte stream (a file or a blob download), keeping only the
 * wrist signals and the label. Throws WesadInputError for anything that is not a well-formed,
 * harmless subject pickle.
 */
export async function readWesadPickle(
  chunks: ByteChunks,
  options: PickleReadOptions = {},
): Promise<WesadPickleReadResult> {
  const source = new ByteSource(chunks, { maxBytes: options.maxBytes ?? DEFAULT_MAX_PICKLE_BYTES });
  const warnings: string[] = [];
  const root = await new PickleMachine(source, { decidePayload: wesadPayloadDecision, warnings }).run();
  await source.drain();
  const recording = extractRecording(root);
  return { recording, source: { sizeBytes: source.bytesReceived, sha256: source.digest() }, warnings };
}

function extractRecording(root: PyValue): WesadSubjectRecording {
  if (!(root instanceof PyDict)) {
    throw new WesadInputError('MISSING_FIELD', 'The pickle does not hold a dict with signal and label.');
  }
  const signal = root.entries.get('signal');
  const wristDict = signal instanceof PyDict ? signal.entries.get('wrist') : undefined;
  if (!(wristDict instanceof PyDict)) {
    throw new WesadInputError('MISSING_FIELD', "The pickle has no 'signal' → 'wrist' dict.");
  }
  const labelArray = asArray(root.entries.get('label'));
  if (labelArray === undefined) throw new WesadInputError('MISSING_FIELD', "The pickle has no 'label' array.");
  const labels = labelRunsOf(labelArray);
  const wrist = {} as Record<WristSignalName, Float64Array>;
  for (const name of WRIST_SIGNALS) {
    const array = asArray(wristDict.entries.get(name));
    if (array === undefined) throw new WesadInputError('MISSING_FIELD', `The pickle has no wrist '${name}' array.`);
    wrist[name] = wristValues(name, array);
    // Drops the raw bytes as soon as they are decoded, so the two copies never all coexist.
    wristDict.entries.delete(name);
  }
  validateWrist(wrist, labels.length);
  const subject = asText(root.entries.get('subject'));
  return { subject, wrist, labels };
}

function asArray(value: PyValue | undefined): NdArray | undefined {
  if (value instanceof PendingNdArray) return value.array;
  return value instanceof NdArray ? value : undefined;
}

function wristValues(name: WristSignalName, array: NdArray): Float64Array {
  const columns = name === 'ACC' ? 3 : 1;
  const [rows, width = 1, ...rest] = array.shape;
  if (rows === undefined || width !== columns || rest.some((dimension) => dimension !== 1)) {
    throw new WesadInputError(
      'INCONSISTENT_SIGNALS',
      `Wrist ${name} has shape (${array.shape.join(', ')}); expected (n, ${columns}).`,
    );
  }
  if (!(array.data instanceof Uint8Array)) {
    throw new WesadInputError('MALFORMED_PICKLE', `Wrist ${name} array data could not be read.`);
  }
  return decodeToFloat64(array, array.data);
}

function labelRunsOf(array: NdArray): LabelRuns {
  if (array.data instanceof StreamedLabel) {
    if (array.data.runs.length !== elementCount(array.shape)) {
      throw new WesadInputError('MALFORMED_PICKLE', 'The label array length does not match its shape.');
    }
    return array.data.runs;
  }
  if (array.data instanceof SkippedBytes) {
    throw new WesadInputError('MALFORMED_PICKLE', 'The label array data could not be read.');
  }
  const decoder = new LabelStreamDecoder(array.dtype, new LabelRuns());
  decoder.write(array.data);
  const runs = decoder.finish();
  if (runs.length !== elementCount(array.shape)) {
    throw new WesadInputError('MALFORMED_PICKLE', 'The label array length does not match its shape.');
  }
  return runs;
}
