import type { AllowedCallable } from './allowList.js';

/**
 * What the pickle VM puts on its stack. Only plain data and the few numpy constructors on the
 * allow-list exist here: there is no way to represent (let alone call) anything else.
 */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyBytes
  | SkippedBytes
  | StreamedPayload
  | PyTuple
  | PyList
  | PyDict
  | PyGlobal
  | PyDtype
  | PendingNdArray
  | NdArray;

/** A byte string (Python 2 str, Python 3 bytes/bytearray). Python 2 strings read as latin1 text. */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}

  text(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('latin1');
  }
}

/** A payload whose bytes were read past without keeping them, because nothing downstream needs it. */
export class SkippedBytes {
  constructor(readonly length: number) {}
}

/**
 * An array payload handed to a sink piece by piece as it streamed in (the label as runs, a wrist
 * stream at its window rate); `result` is what the sink made of it, never the raw bytes.
 */
export class StreamedPayload {
  constructor(readonly result: unknown) {}
}

export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

export class PyList {
  constructor(readonly items: PyValue[]) {}
}

export class PyDict {
  readonly entries = new Map<string, PyValue>();
  /**
   * Whether items pushed right above this dict (without a MARK) may still belong to it; used only to
   * know the dict path of an array payload before the dict is filled.
   */
  open = true;

  constructor(readonly filledOneItemAtATime: boolean) {}
}

export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
    readonly callable: AllowedCallable,
  ) {}
}

export class PyDtype {
  byteOrder = '=';

  constructor(readonly descr: string) {}
}

/**
 * numpy.core.multiarray._reconstruct(ndarray, (0,), b'b'): an empty array awaiting __setstate__.
 * The memo may hold this object, so __setstate__ fills it in place, as numpy does.
 */
export class PendingNdArray {
  array: NdArray | undefined;
}

export type ArrayData = Uint8Array | SkippedBytes | StreamedPayload;

export class NdArray {
  constructor(
    readonly dtype: PyDtype,
    readonly shape: readonly number[],
    readonly fortranOrder: boolean,
    readonly data: ArrayData,
  ) {}
}

/** Dict keys arrive as Python 3 str or Python 2 str (bytes read as latin1); anything else is not a key. */
export function asText(value: PyValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof PyBytes) return value.text();
  return undefined;
}

export function describeValue(value: PyValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'None';
  if (typeof value !== 'object') return typeof value;
  if (value instanceof PyGlobal) return `${value.module}.${value.name}`;
  return value.constructor.name;
}
