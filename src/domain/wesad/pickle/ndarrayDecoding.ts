import { WesadInputError } from '../errors.js';
import type { LabelRuns } from '../preprocess/labelRuns.js';
import type { NdArray, PyDtype } from './values.js';

export interface ElementType {
  kind: 'f' | 'i' | 'u' | 'b';
  size: number;
  littleEndian: boolean;
  name: string;
}

const SUPPORTED_SIZES: Readonly<Record<ElementType['kind'], readonly number[]>> = {
  f: [4, 8],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  b: [1],
};

/** Interprets numpy's dtype descr ('f8', '<i4', 'u1', 'b1', ...) plus the byte order from its state. */
export function elementTypeOf(dtype: PyDtype): ElementType {
  const type = supportedElementType(dtype);
  if (type === undefined) {
    throw new WesadInputError('UNSUPPORTED_ARRAY', `Arrays of dtype '${dtype.descr}' are not supported.`);
  }
  return type;
}

/** As elementTypeOf, undefined for a dtype this reader cannot decode. */
export function supportedElementType(dtype: PyDtype): ElementType | undefined {
  const match = /^([<>|=]?)([fiub])(\d+)$/.exec(dtype.descr);
  const kind = match?.[2] as ElementType['kind'] | undefined;
  const size = Number(match?.[3]);
  if (match === null || kind === undefined || !SUPPORTED_SIZES[kind].includes(size)) return undefined;
  const order = match[1] !== '' ? match[1] : dtype.byteOrder;
  // '=' and '|' mean native / not applicable; numpy writers of WESAD ran on little-endian machines.
  const littleEndian = order !== '>';
  return { kind, size, littleEndian, name: `${littleEndian ? '<' : '>'}${kind}${size}` };
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}

export function readElement(view: DataView, offset: number, type: ElementType): number {
  const le = type.littleEndian;
  switch (type.kind) {
    case 'f':
      return type.size === 4 ? view.getFloat32(offset, le) : view.getFloat64(offset, le);
    case 'b':
      return view.getUint8(offset) === 0 ? 0 : 1;
    case 'i':
      if (type.size === 1) return view.getInt8(offset);
      if (type.size === 2) return view.getInt16(offset, le);
      if (type.size === 4) return view.getInt32(offset, le);
      return Number(view.getBigInt64(offset, le));
    case 'u':
      if (type.size === 1) return view.getUint8(offset);
      if (type.size === 2) return view.getUint16(offset, le);
      if (type.size === 4) return view.getUint32(offset, le);
      return Number(view.getBigUint64(offset, le));
  }
}

/** The array's values as float64 in C (row-major) order, whatever its dtype and memory order. */
export function decodeToFloat64(array: NdArray, bytes: Uint8Array): Float64Array {
  const type = elementTypeOf(array.dtype);
  const count = elementCount(array.shape);
  if (bytes.length !== count * type.size) {
    throw new WesadInputError(
      'MALFORMED_PICKLE',
      `An array of shape (${array.shape.join(', ')}) and dtype ${type.name} holds ${bytes.length} bytes, ` +
        `expected ${count * type.size}.`,
    );
  }
  const sameLayout = !array.fortranOrder || array.shape.filter((dimension) => dimension > 1).length <= 1;
  if (sameLayout && type.kind === 'f' && type.size === 8 && type.littleEndian && bytes.byteOffset % 8 === 0) {
    // Already float64 in machine order: reuse the bytes instead of holding a second copy.
    return new Float64Array(bytes.buffer, bytes.byteOffset, count);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(count);
  if (array.fortranOrder && array.shape.length > 1) {
    const strides = fortranStrides(array.shape);
    const index = new Array<number>(array.shape.length).fill(0);
    for (let flat = 0; flat < count; flat += 1) {
      let source = 0;
      index.forEach((i, axis) => (source += i * (strides[axis] ?? 0)));
      out[flat] = readElement(view, source * type.size, type);
      incrementCIndex(index, array.shape);
    }
    return out;
  }
  for (let i = 0; i < count; i += 1) out[i] = readElement(view, i * type.size, type);
  return out;
}

function fortranStrides(shape: readonly number[]): number[] {
  const strides: number[] = [];
  let stride = 1;
  for (const dimension of shape) {
    strides.push(stride);
    stride *= dimension;
  }
  return strides;
}

function incrementCIndex(index: number[], shape: readonly number[]): void {
  for (let axis = shape.length - 1; axis >= 0; axis -= 1) {
    const next = (index[axis] ?? 0) + 1;
    if (next < (shape[axis] ?? 0)) {
      index[axis] = next;
      return;
    }
    index[axis] = 0;
  }
}

/** Bytes compared natively at a time while a label run continues. */
const RUN_BLOCK_BYTES = 64 * 1024;

/**
 * Feeds label elements into runs as their bytes stream past, carrying an element split across
 * chunk boundaries; a 1-D label has the same order in C and Fortran layout. A label is a few long
 * runs of one code, so a run is followed by comparing whole blocks with the run's repeated byte
 * pattern (native memcmp), and where the code changes, the change is found by halving with the
 * same compare. That keeps per-byte JavaScript loops, and the memory V8 needs to optimise them,
 * out of the way.
 */
export class LabelStreamDecoder {
  private readonly type: ElementType;
  private readonly carry: Uint8Array;
  private carried = 0;
  private readonly repeated: Buffer;
  private runValue: number | undefined;
  private runLength = 0;

  constructor(
    dtype: PyDtype,
    private readonly runs: LabelRuns,
  ) {
    this.type = elementTypeOf(dtype);
    this.carry = new Uint8Array(this.type.size);
    this.repeated = Buffer.alloc(RUN_BLOCK_BYTES);
  }

  write(part: Uint8Array): void {
    const size = this.type.size;
    let offset = 0;
    if (this.carried > 0) {
      const take = Math.min(size - this.carried, part.length);
      this.carry.set(part.subarray(0, take), this.carried);
      this.carried += take;
      offset = take;
      if (this.carried < size) return;
      this.scan(this.carry);
      this.carried = 0;
    }
    const whole = Math.floor((part.length - offset) / size) * size;
    this.scan(part.subarray(offset, offset + whole));
    offset += whole;
    if (offset < part.length) {
      this.carry.set(part.subarray(offset));
      this.carried = part.length - offset;
    }
  }

  finish(): LabelRuns {
    if (this.carried !== 0) {
      throw new WesadInputError('MALFORMED_PICKLE', 'The label array ends in the middle of an element.');
    }
    this.flush();
    return this.runs;
  }

  /** `bytes` holds whole elements. */
  private scan(bytes: Uint8Array): void {
    const size = this.type.size;
    let offset = 0;
    while (offset < bytes.length) {
      if (this.runValue === undefined) this.startRun(bytes.subarray(offset, offset + size));
      const block = Math.min(RUN_BLOCK_BYTES, bytes.length - offset);
      const candidate = bytes.subarray(offset, offset + block);
      if (Buffer.compare(candidate, this.repeated.subarray(0, block)) === 0) {
        this.runLength += block / size;
        offset += block;
        continue;
      }
      const sameElements = Math.floor(this.matchingPrefix(candidate) / size);
      this.runLength += sameElements;
      offset += sameElements * size;
      this.flush();
    }
  }

  /**
   * How many leading bytes of `candidate` (which differs somewhere) follow the run's pattern. A
   * byte-by-byte loop here got hot enough for V8 to optimise, and that compilation alone took
   * about 1 MB, more than the label's runs ever need.
   */
  private matchingPrefix(candidate: Uint8Array): number {
    let matching = 0;
    let differing = candidate.length;
    while (differing - matching > 1) {
      const middle = (matching + differing) >>> 1;
      const same = Buffer.compare(candidate.subarray(matching, middle), this.repeated.subarray(matching, middle)) === 0;
      if (same) matching = middle;
      else differing = middle;
    }
    return matching;
  }

  private startRun(element: Uint8Array): void {
    const value = readElement(new DataView(element.buffer, element.byteOffset, element.byteLength), 0, this.type);
    if (!Number.isFinite(value)) {
      throw new WesadInputError(
        'NON_FINITE_SAMPLE',
        `The label holds a non-finite value at sample ${this.runs.length}.`,
      );
    }
    // Doubling copies: a per-element loop here was hot enough to be optimised, then deoptimised, per run.
    this.repeated.set(element, 0);
    for (let filled = element.length; filled < RUN_BLOCK_BYTES; filled *= 2) {
      this.repeated.copyWithin(filled, 0, Math.min(filled, RUN_BLOCK_BYTES - filled));
    }
    this.runValue = value;
    this.runLength = 0;
  }

  private flush(): void {
    if (this.runValue !== undefined) this.runs.pushRun(this.runValue, this.runLength);
    this.runValue = undefined;
    this.runLength = 0;
  }
}
