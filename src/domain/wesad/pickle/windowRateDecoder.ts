/// <reference lib="es2024.arraybuffer" />
import { normalisedStream } from '../preprocess/normalisation.js';
import { WINDOW_RATE_REDUCTIONS, type WindowRateReduction } from '../preprocess/resampling.js';
import { WindowRateStream } from '../preprocess/windowRateStream.js';
import { hasWristShape, wristColumns, type NonFiniteSample, type WristSignalName } from '../recording.js';
import { elementCount, readElement, supportedElementType, type ElementType } from './ndarrayDecoding.js';
import type { ArrayHeader, PayloadSink } from './pickleMachine.js';

/** Raw bytes decoded at a time: a whole number of groups for every element size (1–8) and group (1–3). */
const BLOCK_BYTES = 48 * 1024;

/**
 * Working memory the wrist decoders of one pickle share. The arrays arrive one after the other,
 * so one block of raw bytes and one float64 window-rate stream serve them all, and release() hands
 * the stream's megabytes back as soon as the last array is in, rather than whenever a garbage
 * collection comes round (a short run may see none, and the windows are allocated next).
 */
export class WindowRateScratch {
  /** Whole elements from offset 0 of its own buffer, so it can be read as aligned float64. */
  readonly block = new Uint8Array(BLOCK_BYTES);
  readonly blockView = new DataView(this.block.buffer);
  readonly blockFloat64 = new Float64Array(this.block.buffer);
  private decoded = new Float64Array(0);
  private stream = new Float64Array(0);

  /** Room for `n` elements of a dtype that has to be converted to float64. */
  decodedRoom(n: number): Float64Array {
    if (this.decoded.length < n) this.decoded = new Float64Array(n);
    return this.decoded.subarray(0, n);
  }

  /** Room for a window-rate stream of `n` samples; only one is being decoded at a time. */
  streamRoom(n: number): Float64Array {
    if (this.stream.length < n) {
      this.stream.buffer.transfer(0);
      this.stream = new Float64Array(n);
    }
    return this.stream.subarray(0, n);
  }

  release(): void {
    // transfer(0) detaches the buffer and frees its memory now.
    this.stream.buffer.transfer(0);
    this.decoded.buffer.transfer(0);
  }
}

/**
 * A wrist array's raw bytes → its window-rate stream, block by block as they stream past, so the
 * raw array is never held; once complete, the stream is z-scored into float32. Every raw value is
 * checked for NaN/Inf on the way, as validation would check the array held in full.
 */
export class WindowRateDecoder implements PayloadSink {
  private readonly reduction: WindowRateReduction;
  private readonly groupBytes: number;
  private readonly blockBytes: number;
  private readonly nativeFloat64: boolean;
  private readonly values: Float64Array;
  private filled = 0;
  private written = 0;
  private seen = 0;
  private nonFinite: NonFiniteSample | undefined;

  constructor(
    name: WristSignalName,
    private readonly type: ElementType,
    private readonly count: number,
    private readonly scratch: WindowRateScratch,
  ) {
    this.reduction = WINDOW_RATE_REDUCTIONS[name];
    this.groupBytes = this.reduction.group * type.size;
    this.blockBytes = Math.floor(BLOCK_BYTES / this.groupBytes) * this.groupBytes;
    this.nativeFloat64 = type.kind === 'f' && type.size === 8 && type.littleEndian;
    this.values = scratch.streamRoom(Math.floor(count / this.reduction.group));
  }

  write(part: Uint8Array): void {
    let offset = 0;
    while (offset < part.length) {
      const take = Math.min(this.blockBytes - this.filled, part.length - offset);
      this.scratch.block.set(part.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.blockBytes) this.reduceWholeGroups();
    }
  }

  finish(): WindowRateStream {
    this.reduceWholeGroups();
    // Less than a group is left (a lone last BVP sample): dropped, as for a stream held in full, but checked.
    this.decode(this.filled / this.type.size);
    this.filled = 0;
    const rawSamples = this.count / this.reduction.valuesPerSample;
    return new WindowRateStream(normalisedStream(this.values), rawSamples, this.nonFinite);
  }

  private reduceWholeGroups(): void {
    const groups = Math.floor(this.filled / this.groupBytes);
    this.reduction.reduce(this.decode(groups * this.reduction.group), groups, this.values, this.written);
    this.written += groups;
    const used = groups * this.groupBytes;
    this.scratch.block.copyWithin(0, used, this.filled);
    this.filled -= used;
  }

  /** The first `n` elements of the block as float64, checked for NaN/Inf. */
  private decode(n: number): Float64Array {
    const { scratch, type } = this;
    let values: Float64Array;
    if (this.nativeFloat64) {
      values = scratch.blockFloat64.subarray(0, n);
    } else {
      values = scratch.decodedRoom(n);
      for (let i = 0; i < n; i += 1) values[i] = readElement(scratch.blockView, i * type.size, type);
    }
    if (this.nonFinite === undefined) {
      for (let i = 0; i < n; i += 1) {
        // Arithmetic on a NaN or ±Inf stays non-finite, so one subtraction checks both.
        const value = values[i] ?? 0;
        if (value - value !== 0) {
          this.nonFinite = { sample: Math.floor((this.seen + i) / this.reduction.valuesPerSample), value };
          break;
        }
      }
    }
    this.seen += n;
    return values;
  }
}

/**
 * A decoder for a wrist array that can be reduced as it streams: C order (or one column), a
 * supported dtype, the shape WESAD stores and a byte length that matches it. Anything else is
 * declined and then kept and decoded in full, which reports what is wrong with it, as before.
 */
export function windowRateDecoderFor(
  name: WristSignalName,
  header: ArrayHeader,
  scratch: WindowRateScratch,
): WindowRateDecoder | undefined {
  const type = supportedElementType(header.dtype);
  const count = elementCount(header.shape);
  if (type === undefined || !hasWristShape(name, header.shape) || header.byteLength !== count * type.size) {
    return undefined;
  }
  // Fortran order stores all x, then all y, then all z: rows only exist once the whole array is in.
  if (header.fortranOrder && wristColumns(name) > 1 && (header.shape[0] ?? 0) > 1) return undefined;
  return new WindowRateDecoder(name, type, count, scratch);
}
