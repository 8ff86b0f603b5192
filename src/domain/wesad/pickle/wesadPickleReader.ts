import { WesadInputError, WesadLimitError } from '../errors.js';
import {
  DEFAULT_UPLOAD_LIMITS,
  maxLabelSamples,
  maxWristElements,
  UPLOAD_LIMIT_SETTINGS,
  type UploadLimits,
} from '../uploadLimits.js';
import { LabelRuns } from '../preprocess/labelRuns.js';
import { WindowRateStream } from '../preprocess/windowRateStream.js';
import {
  hasWristShape,
  validateWrist,
  validateWristSummaries,
  wristColumns,
  WRIST_SIGNALS,
  type WesadSubjectRecording,
  type WristSignalName,
} from '../recording.js';
import { ByteSource, type ByteChunks } from './byteSource.js';
import { decodeToFloat64, elementCount, LabelStreamDecoder } from './ndarrayDecoding.js';
import { PickleMachine, type PayloadDecision } from './pickleMachine.js';
import { asText, NdArray, PendingNdArray, PyDict, StreamedPayload, type PyValue } from './values.js';
import { windowRateDecoderFor, WindowRateScratch } from './windowRateDecoder.js';

export interface PickleReadOptions {
  /** Uploads larger than this are refused while streaming. */
  maxBytes?: number;
  /** Recording length and structure bounds (default DEFAULT_UPLOAD_LIMITS). */
  limits?: Pick<UploadLimits, 'maxRecordingHours' | 'pickleMaxOpcodes'>;
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

/** A subject pickle as preprocessing needs it: the wrist streams already at their window rates. */
export interface WesadSubjectStreams {
  subject: string | undefined;
  streams: Readonly<Record<WristSignalName, WindowRateStream>>;
  labels: LabelRuns;
}

export interface WesadPickleStreamsResult {
  recording: WesadSubjectStreams;
  source: SourceDigest;
  warnings: string[];
}

/** A real subject pickle is about 0.3 GB; 1 GiB leaves room without inviting abuse. */
export const DEFAULT_MAX_PICKLE_BYTES = 1024 * 1024 * 1024;

const WRIST_NAMES: ReadonlySet<string> = new Set(WRIST_SIGNALS);

type WristDecision = (name: WristSignalName) => PayloadDecision;

/**
 * Streams the label into runs and treats signal.wrist.* as `wrist` says; every other array (the
 * 700 Hz chest data) is skipped.
 */
function wesadPayloadDecision(
  wrist: WristDecision,
  hours: number,
): (path: readonly string[] | undefined) => PayloadDecision {
  return (path) => {
    if (path === undefined) return 'keep';
    if (path.length === 1 && path[0] === 'label') {
      return (header) => {
        checkLength('label', elementCount(header.shape), maxLabelSamples(hours), hours);
        return new LabelStreamDecoder(header.dtype, new LabelRuns());
      };
    }
    const [signal, device, name = ''] = path;
    if (path.length === 3 && signal === 'signal' && device === 'wrist' && WRIST_NAMES.has(name)) {
      const decide = wrist(name as WristSignalName);
      // Kept arrays are checked before they are decoded (wristValues).
      if (typeof decide !== 'function') return decide;
      return (header) => {
        checkWristLength(name as WristSignalName, elementCount(header.shape), hours);
        return decide(header);
      };
    }
    return 'skip';
  };
}

/**
 * Refuses an array longer than the longest accepted recording, from its shape: before its bytes are
 * streamed, or before kept bytes are decoded to float64 (up to 8 bytes per input byte).
 */
function checkLength(what: string, elements: number, maxElements: number, hours: number): void {
  if (elements > maxElements) {
    throw new WesadLimitError(
      'RECORDING_TOO_LONG',
      `The ${what} array holds ${elements} values, more than a recording of ${hours} h has (${maxElements}).`,
      { setting: UPLOAD_LIMIT_SETTINGS.maxRecordingHours, value: hours },
    );
  }
}

function checkWristLength(name: WristSignalName, elements: number, hours: number): void {
  checkLength(`wrist ${name}`, elements, maxWristElements(name, hours), hours);
}

/**
 * Reads a WESAD subject pickle from a byte stream (a file or a blob download), keeping only the
 * raw wrist signals and the label. Throws WesadInputError for anything that is not a well-formed,
 * harmless subject pickle.
 */
export async function readWesadPickle(
  chunks: ByteChunks,
  options: PickleReadOptions = {},
): Promise<WesadPickleReadResult> {
  const { root, source, warnings } = await parseWesadPickle(chunks, options, () => 'keep');
  const hours = limitsOf(options).maxRecordingHours;
  const { wristDict, labels, subject } = subjectParts(root, hours);
  const wrist = {} as Record<WristSignalName, Float64Array>;
  for (const name of WRIST_SIGNALS) {
    wrist[name] = wristValues(name, wristArray(wristDict, name), hours);
    // Drops the raw bytes as soon as they are decoded, so the two copies never all coexist.
    wristDict.entries.delete(name);
  }
  validateWrist(wrist, labels.length);
  return { recording: { subject, wrist, labels }, source, warnings };
}

/**
 * As readWesadPickle, but each wrist stream is reduced to its window rate while its bytes stream
 * in (BVP pairs averaged, ACC to its magnitude), so a subject's raw 3-axis ACC and 64 Hz BVP are
 * never held in full; arrays that cannot be streamed are decoded in full and reduced the same way.
 * Validation is the same as readWesadPickle's.
 */
export async function readWesadPickleAtWindowRates(
  chunks: ByteChunks,
  options: PickleReadOptions = {},
): Promise<WesadPickleStreamsResult> {
  const scratch = new WindowRateScratch();
  const reduce: WristDecision = (name) => (header) => windowRateDecoderFor(name, header, scratch);
  const { root, source, warnings } = await parseWesadPickle(chunks, options, reduce).finally(() => {
    scratch.release();
  });
  const hours = limitsOf(options).maxRecordingHours;
  const { wristDict, labels, subject } = subjectParts(root, hours);
  const streams = {} as Record<WristSignalName, WindowRateStream>;
  for (const name of WRIST_SIGNALS) {
    const array = wristArray(wristDict, name);
    const reduced = array.data instanceof StreamedPayload ? array.data.result : undefined;
    streams[name] =
      reduced instanceof WindowRateStream ? reduced : WindowRateStream.of(name, wristValues(name, array, hours));
    wristDict.entries.delete(name);
  }
  validateWristSummaries(streams, labels.length);
  return { recording: { subject, streams, labels }, source, warnings };
}

async function parseWesadPickle(chunks: ByteChunks, options: PickleReadOptions, wrist: WristDecision) {
  const source = new ByteSource(chunks, { maxBytes: options.maxBytes ?? DEFAULT_MAX_PICKLE_BYTES });
  const warnings: string[] = [];
  const limits = limitsOf(options);
  const decidePayload = wesadPayloadDecision(wrist, limits.maxRecordingHours);
  const maxOpcodes = { setting: UPLOAD_LIMIT_SETTINGS.pickleMaxOpcodes, value: limits.pickleMaxOpcodes };
  try {
    const root = await new PickleMachine(source, { decidePayload, warnings, maxOpcodes }).run();
    await source.drain();
    return { root, source: { sizeBytes: source.bytesReceived, sha256: source.digest() }, warnings };
  } finally {
    await source.close();
  }
}

function limitsOf(options: PickleReadOptions): Pick<UploadLimits, 'maxRecordingHours' | 'pickleMaxOpcodes'> {
  return options.limits ?? DEFAULT_UPLOAD_LIMITS;
}

function subjectParts(
  root: PyValue,
  hours: number,
): { wristDict: PyDict; labels: LabelRuns; subject: string | undefined } {
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
  const labels = labelRunsOf(labelArray, hours);
  return { wristDict, labels, subject: asText(root.entries.get('subject')) };
}

function wristArray(wristDict: PyDict, name: WristSignalName): NdArray {
  const array = asArray(wristDict.entries.get(name));
  if (array === undefined) throw new WesadInputError('MISSING_FIELD', `The pickle has no wrist '${name}' array.`);
  return array;
}

function asArray(value: PyValue | undefined): NdArray | undefined {
  if (value instanceof PendingNdArray) return value.array;
  return value instanceof NdArray ? value : undefined;
}

function wristValues(name: WristSignalName, array: NdArray, hours: number): Float64Array {
  if (!hasWristShape(name, array.shape)) {
    throw new WesadInputError(
      'INCONSISTENT_SIGNALS',
      `Wrist ${name} has shape (${array.shape.join(', ')}); expected (n, ${wristColumns(name)}).`,
    );
  }
  checkWristLength(name, elementCount(array.shape), hours);
  if (!(array.data instanceof Uint8Array)) {
    throw new WesadInputError('MALFORMED_PICKLE', `Wrist ${name} array data could not be read.`);
  }
  return decodeToFloat64(array, array.data);
}

function labelRunsOf(array: NdArray, hours: number): LabelRuns {
  checkLength('label', elementCount(array.shape), maxLabelSamples(hours), hours);
  const streamed = array.data instanceof StreamedPayload ? array.data.result : undefined;
  if (streamed instanceof LabelRuns) {
    if (streamed.length !== elementCount(array.shape)) {
      throw new WesadInputError('MALFORMED_PICKLE', 'The label array length does not match its shape.');
    }
    return streamed;
  }
  if (!(array.data instanceof Uint8Array)) {
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
