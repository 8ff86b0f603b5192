import { WesadInputError, WesadLimitError, type LimitBreach } from '../errors.js';
import { resolveAllowedGlobal } from './allowList.js';
import type { ByteSource } from './byteSource.js';
import { FORBIDDEN_OPCODES, HIGHEST_PROTOCOL, Op, PLAUSIBLE_FIRST_OPCODES } from './opcodes.js';
import { decodeRawUnicodeEscape, decodeStringRepr, latin1TextToBytes, utf8Latin1ToBytes } from './textEncodings.js';
import {
  asText,
  describeValue,
  NdArray,
  PendingNdArray,
  PyBytes,
  PyDict,
  PyDtype,
  PyGlobal,
  PyList,
  PyTuple,
  SkippedBytes,
  StreamedPayload,
  type ArrayData,
  type PyValue,
} from './values.js';

/** The layout of an array whose raw bytes are about to arrive. */
export interface ArrayHeader {
  dtype: PyDtype;
  shape: readonly number[];
  fortranOrder: boolean;
  byteLength: number;
}

/** Takes an array's raw bytes piece by piece as they stream past, so the payload is never held whole. */
export interface PayloadSink {
  /** `part` is only valid during the call. */
  write(part: Uint8Array): void;
  /** Called after the last byte; what it returns stands for the array's data (StreamedPayload.result). */
  finish(): unknown;
}

/**
 * What to do with the raw bytes of an array found under a dict path (undefined: path unknown):
 * keep them, skip them, or stream them into a sink made for the array's header. The bytes are
 * kept instead when the header is not known before the data (protocol 5's `_frombuffer`, text
 * payloads) or the factory declines the array by returning undefined.
 */
export type PayloadDecision = 'keep' | 'skip' | ((header: ArrayHeader) => PayloadSink | undefined);

export interface PickleMachineOptions {
  decidePayload(path: readonly string[] | undefined): PayloadDecision;
  /** Reader notes for the manifest (e.g. an array kept because its path could not be determined). */
  warnings: string[];
  /** Payloads smaller than this are always read; larger ones may be skipped or streamed. */
  streamThreshold?: number;
  /**
   * Opcodes the pickle may execute (default: no bound). Each builds at most one object, so this
   * bounds the memory of everything but payloads, which the input size bounds.
   */
  maxOpcodes?: LimitBreach;
}

type PayloadEncoding = 'bytes' | 'utf8';

const DEFAULT_STREAM_THRESHOLD = 64 * 1024;
const MAX_TEXT_LINE = 4096;
/** Python ints in a subject pickle are shapes and versions; a longer LONG would only cost quadratic time. */
const MAX_LONG_BYTES = 64;
const PYTHON_BATCHSIZE = 1000;
const RELEASED_PAYLOAD = Symbol('released payload');

/**
 * A pickle interpreter that builds plain data only. Globals outside the allow-list are refused as
 * soon as they are named; the allowed ones are implemented here, so nothing is imported or run.
 * Large array payloads are skipped, streamed into a sink or kept, depending on the dict path
 * they sit under, which is read off the stack before the bytes arrive.
 */
export class PickleMachine {
  private readonly stack: PyValue[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, PyValue | typeof RELEASED_PAYLOAD>();
  private readonly streamThreshold: number;

  constructor(
    private readonly source: ByteSource,
    private readonly options: PickleMachineOptions,
  ) {
    this.streamThreshold = options.streamThreshold ?? DEFAULT_STREAM_THRESHOLD;
  }

  async run(): Promise<PyValue> {
    if (await this.source.isEmpty()) throw new WesadInputError('EMPTY_INPUT', 'The upload is empty (0 bytes).');
    const first = await this.source.readByte();
    if (!PLAUSIBLE_FIRST_OPCODES.has(first)) {
      throw new WesadInputError(
        'NOT_A_PICKLE',
        `The upload is not a Python pickle (it starts with byte 0x${first.toString(16).padStart(2, '0')}).`,
      );
    }
    const maxOpcodes = this.options.maxOpcodes?.value ?? Number.POSITIVE_INFINITY;
    let opcode = first;
    for (let executed = 1; ; executed += 1) {
      if (opcode === Op.STOP) return this.finish();
      if (executed > maxOpcodes) this.tooManyOpcodes();
      await this.step(opcode);
      opcode = await this.source.readByte();
    }
  }

  private finish(): PyValue {
    if (this.stack.length !== 1 || this.marks.length !== 0) {
      throw new WesadInputError('MALFORMED_PICKLE', 'The pickle stops with an unbalanced stack.');
    }
    return this.stack[0] ?? null;
  }

  private async step(opcode: number): Promise<void> {
    const src = this.source;
    switch (opcode) {
      case Op.PROTO: {
        const version = await src.readByte();
        if (version > HIGHEST_PROTOCOL) {
          throw new WesadInputError('NOT_A_PICKLE', `Pickle protocol ${version} is not supported (0–5 are).`);
        }
        return;
      }
      case Op.FRAME:
        await src.skip(8);
        return;
      case Op.MARK:
        this.marks.push(this.stack.length);
        return;
      case Op.POP:
        if (this.marks.at(-1) === this.stack.length) this.marks.pop();
        else this.pop();
        return;
      case Op.POP_MARK:
        this.popMark();
        return;
      case Op.DUP:
        this.stack.push(this.top());
        return;
      case Op.NONE:
        this.stack.push(null);
        return;
      case Op.NEWTRUE:
        this.stack.push(true);
        return;
      case Op.NEWFALSE:
        this.stack.push(false);
        return;
      case Op.INT:
        this.stack.push(parseIntLine(await src.readLine(MAX_TEXT_LINE)));
        return;
      case Op.LONG:
        this.stack.push(toNumberIfSafe(parseBigIntText((await src.readLine(MAX_TEXT_LINE)).replace(/L$/, ''))));
        return;
      case Op.BININT:
        this.stack.push(view(await src.read(4)).getInt32(0, true));
        return;
      case Op.BININT1:
        this.stack.push(await src.readByte());
        return;
      case Op.BININT2:
        this.stack.push(view(await src.read(2)).getUint16(0, true));
        return;
      case Op.LONG1:
        this.stack.push(toNumberIfSafe(littleEndianSigned(await src.read(this.longLength(await src.readByte())))));
        return;
      case Op.LONG4:
        this.stack.push(toNumberIfSafe(littleEndianSigned(await src.read(this.longLength(await this.readLength(4))))));
        return;
      case Op.FLOAT:
        this.stack.push(parseFloatLine(await src.readLine(MAX_TEXT_LINE)));
        return;
      case Op.BINFLOAT:
        this.stack.push(view(await src.read(8)).getFloat64(0, false));
        return;
      case Op.STRING:
        this.stack.push(await this.stringLine());
        return;
      case Op.SHORT_BINSTRING:
      case Op.SHORT_BINBYTES:
        this.stack.push(new PyBytes(await src.read(await src.readByte())));
        return;
      case Op.BINSTRING:
      case Op.BINBYTES:
        this.stack.push(await this.payload(await this.readLength(4), 'bytes'));
        return;
      case Op.BINBYTES8:
      case Op.BYTEARRAY8:
        this.stack.push(await this.payload(await this.readLength(8), 'bytes'));
        return;
      case Op.SHORT_BINUNICODE:
        this.stack.push(Buffer.from(await src.read(await src.readByte())).toString('utf8'));
        return;
      case Op.BINUNICODE:
        this.stack.push(await this.payload(await this.readLength(4), 'utf8'));
        return;
      case Op.BINUNICODE8:
        this.stack.push(await this.payload(await this.readLength(8), 'utf8'));
        return;
      case Op.UNICODE:
        this.stack.push(await this.unicodeLine());
        return;
      case Op.READONLY_BUFFER:
        return;
      case Op.EMPTY_TUPLE:
        this.stack.push(new PyTuple([]));
        return;
      case Op.TUPLE1:
      case Op.TUPLE2:
      case Op.TUPLE3: {
        const size = opcode - Op.TUPLE1 + 1;
        if (this.stack.length - size < (this.marks.at(-1) ?? 0)) this.malformed('TUPLE reaches below a MARK');
        this.stack.push(new PyTuple(this.stack.splice(this.stack.length - size, size)));
        return;
      }
      case Op.TUPLE:
        this.stack.push(new PyTuple(this.popMark()));
        return;
      case Op.EMPTY_LIST:
        this.stack.push(new PyList([]));
        return;
      case Op.LIST:
        this.stack.push(new PyList(this.popMark()));
        return;
      case Op.APPEND: {
        const item = this.pop();
        this.listAt(this.top()).items.push(item);
        return;
      }
      case Op.APPENDS: {
        const items = this.popMark();
        appendAll(this.listAt(this.top()), items);
        return;
      }
      case Op.EMPTY_SET:
        this.stack.push(new PyList([]));
        return;
      case Op.ADDITEMS: {
        const items = this.popMark();
        appendAll(this.listAt(this.top()), items);
        return;
      }
      case Op.FROZENSET:
        this.stack.push(new PyList(this.popMark()));
        return;
      case Op.EMPTY_DICT:
        this.stack.push(new PyDict(false));
        return;
      case Op.DICT: {
        const items = this.popMark();
        const dict = new PyDict(true);
        this.fillDict(dict, items);
        this.stack.push(dict);
        return;
      }
      case Op.SETITEM: {
        const value = this.pop();
        const key = this.pop();
        const dict = this.dictAt(this.top());
        this.fillDict(dict, [key, value]);
        if (!dict.filledOneItemAtATime) dict.open = false;
        return;
      }
      case Op.SETITEMS: {
        const items = this.popMark();
        const dict = this.dictAt(this.top());
        this.fillDict(dict, items);
        // CPython's pickler writes dict items in batches of 1000; a shorter batch is the last one.
        if (items.length !== 2 * PYTHON_BATCHSIZE) dict.open = false;
        return;
      }
      case Op.PUT:
        this.remember(parseIntStrict(await src.readLine(MAX_TEXT_LINE)));
        return;
      case Op.BINPUT:
        this.remember(await src.readByte());
        return;
      case Op.LONG_BINPUT:
        this.remember(await this.readLength(4));
        return;
      case Op.MEMOIZE:
        this.remember(this.memo.size);
        return;
      case Op.GET:
        this.stack.push(this.memoGet(parseIntStrict(await src.readLine(MAX_TEXT_LINE))));
        return;
      case Op.BINGET:
        this.stack.push(this.memoGet(await src.readByte()));
        return;
      case Op.LONG_BINGET:
        this.stack.push(this.memoGet(await this.readLength(4)));
        return;
      case Op.GLOBAL: {
        const module = await src.readLine(MAX_TEXT_LINE);
        const name = await src.readLine(MAX_TEXT_LINE);
        this.stack.push(new PyGlobal(module, name, resolveAllowedGlobal(module, name)));
        return;
      }
      case Op.STACK_GLOBAL: {
        const name = asText(this.pop());
        const module = asText(this.pop());
        if (name === undefined || module === undefined) this.malformed('STACK_GLOBAL without two strings');
        this.stack.push(new PyGlobal(module, name, resolveAllowedGlobal(module, name)));
        return;
      }
      case Op.REDUCE: {
        const args = this.pop();
        const callable = this.pop();
        this.stack.push(reduce(callable, args));
        return;
      }
      case Op.BUILD: {
        const state = this.pop();
        const target = this.pop();
        this.stack.push(build(target, state));
        return;
      }
      default: {
        const forbidden = FORBIDDEN_OPCODES.get(opcode);
        if (forbidden !== undefined) {
          throw new WesadInputError(
            'FORBIDDEN_OPCODE',
            `The pickle uses the ${forbidden} opcode, which can construct arbitrary objects; the file was rejected.`,
          );
        }
        this.malformed(`unknown opcode 0x${opcode.toString(16)} at byte ${this.source.position - 1}`);
      }
    }
  }

  private longLength(length: number): number {
    if (length > MAX_LONG_BYTES) this.malformed(`an integer of ${length} bytes (at most ${MAX_LONG_BYTES} are read)`);
    return length;
  }

  private tooManyOpcodes(): never {
    const limit = this.options.maxOpcodes ?? { setting: 'maxOpcodes', value: 0 };
    throw new WesadLimitError(
      'PICKLE_LIMIT_EXCEEDED',
      `The pickle executes more than ${limit.value} opcodes; a subject pickle needs a few thousand (${limit.setting}).`,
      limit,
    );
  }

  private async readLength(bytes: 4 | 8): Promise<number> {
    const data = view(await this.source.read(bytes));
    const length = bytes === 4 ? data.getInt32(0, true) : Number(data.getBigUint64(0, true));
    if (length < 0 || !Number.isSafeInteger(length)) this.malformed('negative or huge length');
    return length;
  }

  /** A byte or text payload that may be an array's raw data (see arrayPayloadContext). */
  private async payload(length: number, encoding: PayloadEncoding): Promise<PyValue> {
    if (length < this.streamThreshold) return this.decodePayload(await this.source.read(length), encoding, false);
    const context = this.arrayPayloadContext();
    if (context === undefined) return this.decodePayload(await this.source.read(length), encoding, false);
    const decision = this.decide(context.holderIndex);
    if (decision === 'skip') {
      await this.source.skip(length);
      return new SkippedBytes(length);
    }
    const sink =
      typeof decision === 'function' && encoding === 'bytes' && context.layout !== undefined
        ? decision({ ...context.layout, byteLength: length })
        : undefined;
    if (sink !== undefined) {
      await this.source.consume(length, (part) => {
        sink.write(part);
      });
      return new StreamedPayload(sink.finish());
    }
    return this.decodePayload(await this.source.read(length), encoding, true);
  }

  private decodePayload(bytes: Uint8Array, encoding: PayloadEncoding, isArrayData: boolean): PyValue {
    if (encoding === 'bytes') return new PyBytes(bytes);
    // Array data wrapped by _codecs.encode(text, 'latin1') is turned back into bytes right away.
    return isArrayData ? new PyBytes(utf8Latin1ToBytes(bytes)) : Buffer.from(bytes).toString('utf8');
  }

  /** Protocol 0 UNICODE (raw-unicode-escape): Python 3's text form of bytes wrapped in _codecs.encode. */
  private async unicodeLine(): Promise<PyValue> {
    const line = await this.textLine();
    return line instanceof SkippedBytes ? line : decodeRawUnicodeEscape(line);
  }

  /** Protocol 0 STRING (a quoted repr): how Python 2 writes str, array data included. */
  private async stringLine(): Promise<PyValue> {
    const line = await this.textLine();
    return line instanceof SkippedBytes ? line : new PyBytes(decodeStringRepr(Buffer.from(line).toString('latin1')));
  }

  private async textLine(): Promise<Uint8Array | SkippedBytes> {
    const context = this.arrayPayloadContext();
    const decision = context === undefined ? 'keep' : this.decide(context.holderIndex);
    const limit = context === undefined ? MAX_TEXT_LINE : Number.MAX_SAFE_INTEGER;
    if (decision === 'skip') {
      let length = 0;
      await this.source.consumeLine(limit, (part) => (length += part.length));
      return new SkippedBytes(length);
    }
    const parts: Uint8Array[] = [];
    await this.source.consumeLine(limit, (part) => parts.push(part.slice()));
    return Buffer.concat(parts);
  }

  private decide(holderIndex: number): PayloadDecision {
    const path = this.pathOf(holderIndex);
    const decision = this.options.decidePayload(path);
    if (path === undefined && decision === 'keep') {
      this.options.warnings.push('An array was kept in full because its place in the pickle could not be determined.');
    }
    return decision;
  }

  /**
   * Where the payload about to be pushed belongs, if it is an array's raw data: numpy writes
   * `_reconstruct(...)` then MARK + (version, shape, dtype, fortran, DATA) + BUILD, or
   * `_frombuffer` + MARK + (DATA, dtype, shape, order) + REDUCE; Python 3 protocols 0–2 wrap the
   * data as `_codecs.encode(text, 'latin1')`, which adds a global (and in 0–1 a MARK) on top.
   */
  private arrayPayloadContext():
    { holderIndex: number; layout: Omit<ArrayHeader, 'byteLength'> | undefined } | undefined {
    let markIndex = this.marks.length - 1;
    let mark = this.marks[markIndex];
    if (mark === undefined) return undefined;
    if (isCodecsEncode(this.stack[mark - 1])) {
      markIndex -= 1;
      mark = this.marks[markIndex];
      if (mark === undefined) return undefined;
    }
    const holder = this.stack[mark - 1];
    if (holder instanceof PendingNdArray) {
      // (version, shape, dtype, fortran) are on the stack already; old writers' 4-item state is not streamed.
      const shape = asShape(this.stack[mark + 1]);
      const dtype = this.stack[mark + 2];
      const fortran = this.stack[mark + 3];
      const layout =
        shape !== undefined && dtype instanceof PyDtype
          ? { dtype, shape, fortranOrder: fortran === true || fortran === 1 }
          : undefined;
      return { holderIndex: mark - 1, layout };
    }
    if (holder instanceof PyGlobal && holder.callable === 'frombuffer' && this.stack.length === mark) {
      return { holderIndex: mark - 1, layout: undefined };
    }
    return undefined;
  }

  /** The chain of dict keys above the value that starts at stack[index], if the stack shows it. */
  private pathOf(index: number): string[] | undefined {
    const path: string[] = [];
    let position = index;
    while (position > 0) {
      const parent = this.containerOf(position);
      if (parent === undefined) return undefined;
      path.unshift(parent.key);
      position = parent.containerIndex;
    }
    return path;
  }

  /**
   * A value being built at stack[position] is a dict item: its key is just below it, and the dict is
   * either right below the key (SETITEM style) or right below the MARK that opened the batch with the
   * key at an odd offset (SETITEMS style).
   */
  private containerOf(position: number): { key: string; containerIndex: number } | undefined {
    const key = asText(this.stack[position - 1]);
    if (key === undefined) return undefined;
    const below = this.stack[position - 2];
    if (below instanceof PyDict && below.open && !this.marks.includes(position - 1)) {
      return { key, containerIndex: position - 2 };
    }
    const mark = this.marks.filter((m) => m <= position - 1).at(-1);
    if (mark === undefined) return undefined;
    const container = this.stack[mark - 1];
    if (container instanceof PyDict && (position - mark) % 2 === 1) return { key, containerIndex: mark - 1 };
    return undefined;
  }

  private fillDict(dict: PyDict, items: PyValue[]): void {
    if (items.length % 2 !== 0) this.malformed('odd number of dict items');
    for (let i = 0; i < items.length; i += 2) {
      const key = items[i];
      const text = asText(key);
      dict.entries.set(text ?? `#${describeValue(key)}:${i}`, items[i + 1] ?? null);
    }
  }

  /**
   * Pickles memoize every bytes object, array data included, but numpy never refers back to array
   * data; remembering only a marker lets the raw bytes go once the array is decoded.
   */
  private remember(key: number): void {
    const value = this.top();
    const large = value instanceof PyBytes && value.bytes.length >= this.streamThreshold;
    this.memo.set(key, large ? RELEASED_PAYLOAD : value);
  }

  private memoGet(key: number): PyValue {
    const value = this.memo.get(key);
    if (value === undefined) this.malformed(`memo entry ${key} is missing`);
    if (value === RELEASED_PAYLOAD) this.malformed(`memo entry ${key} re-uses a large byte payload`);
    return value;
  }

  private pop(): PyValue {
    if (this.stack.length <= (this.marks.at(-1) ?? 0)) this.malformed('stack underflow');
    return this.stack.pop() ?? null;
  }

  private top(): PyValue {
    if (this.stack.length === 0) this.malformed('stack underflow');
    return this.stack[this.stack.length - 1] ?? null;
  }

  private popMark(): PyValue[] {
    const mark = this.marks.pop();
    if (mark === undefined) this.malformed('no MARK to pop to');
    return this.stack.splice(mark);
  }

  private listAt(value: PyValue): PyList {
    if (!(value instanceof PyList)) this.malformed(`append to ${describeValue(value)}`);
    return value;
  }

  private dictAt(value: PyValue): PyDict {
    if (!(value instanceof PyDict)) this.malformed(`setitem on ${describeValue(value)}`);
    return value;
  }

  private malformed(what: string): never {
    throw new WesadInputError('MALFORMED_PICKLE', `The pickle is malformed: ${what}.`);
  }
}

/** Item by item: spreading a batch of a few hundred thousand items as arguments overflows the call stack. */
function appendAll(list: PyList, items: readonly PyValue[]): void {
  for (const item of items) list.items.push(item);
}

function isCodecsEncode(value: PyValue | undefined): boolean {
  return value instanceof PyGlobal && value.callable === 'codecsEncode';
}

/** The allowed callables, implemented as data constructors. */
function reduce(callable: PyValue, args: PyValue): PyValue {
  if (!(callable instanceof PyGlobal) || !(args instanceof PyTuple)) {
    throw new WesadInputError(
      'MALFORMED_PICKLE',
      `The pickle calls ${describeValue(callable)}, which is not callable.`,
    );
  }
  const [first, second, third, fourth] = args.items;
  switch (callable.callable) {
    case 'reconstruct':
      if (!(first instanceof PyGlobal && first.callable === 'ndarray')) break;
      return new PendingNdArray();
    case 'dtype': {
      const descr = asText(first);
      if (descr === undefined) break;
      return new PyDtype(descr);
    }
    case 'codecsEncode': {
      const encoding = asText(second)?.toLowerCase();
      if (encoding !== 'latin1' && encoding !== 'latin-1' && encoding !== 'iso-8859-1') break;
      if (first instanceof PyBytes || first instanceof SkippedBytes || first instanceof StreamedPayload) return first;
      if (typeof first === 'string') return new PyBytes(latin1TextToBytes(first));
      break;
    }
    case 'frombuffer': {
      const shape = asShape(third);
      const order = asText(fourth);
      if (!(second instanceof PyDtype) || shape === undefined || (order !== 'C' && order !== 'F')) break;
      return new NdArray(second, shape, order === 'F', asArrayData(first ?? null));
    }
    case 'ndarray':
      break;
  }
  throw new WesadInputError(
    'FORBIDDEN_GLOBAL',
    `The pickle calls ${callable.module}.${callable.name} in a way numpy never writes; the file was rejected.`,
  );
}

function build(target: PyValue, state: PyValue): PyValue {
  if (!(state instanceof PyTuple)) {
    throw new WesadInputError('MALFORMED_PICKLE', 'The pickle sets a non-tuple state.');
  }
  if (target instanceof PyDtype) {
    const byteOrder = asText(state.items[1]);
    if (byteOrder !== undefined) target.byteOrder = byteOrder;
    return target;
  }
  if (target instanceof PendingNdArray) {
    // numpy's __setstate__ takes (version, shape, dtype, is_fortran, data) or, from old writers, the last four.
    const items = state.items.length === 5 ? state.items.slice(1) : state.items;
    const [shapeValue, dtype, fortran, data] = items;
    const shape = asShape(shapeValue);
    if (items.length !== 4 || shape === undefined || !(dtype instanceof PyDtype)) {
      throw new WesadInputError('MALFORMED_PICKLE', 'An ndarray state is not (version, shape, dtype, fortran, data).');
    }
    target.array = new NdArray(dtype, shape, fortran === true || fortran === 1, asArrayData(data ?? null));
    return target.array;
  }
  throw new WesadInputError(
    'FORBIDDEN_OPCODE',
    `The pickle sets state on ${describeValue(target)}; only numpy arrays and dtypes are allowed.`,
  );
}

function asShape(value: PyValue | undefined): number[] | undefined {
  if (!(value instanceof PyTuple)) return undefined;
  const shape = value.items.map((item) => (typeof item === 'number' && Number.isSafeInteger(item) ? item : -1));
  return shape.every((dimension) => dimension >= 0) ? shape : undefined;
}

function asArrayData(value: PyValue): ArrayData {
  if (value instanceof PyBytes) return value.bytes;
  if (value instanceof SkippedBytes || value instanceof StreamedPayload) return value;
  if (typeof value === 'string') return latin1TextToBytes(value);
  throw new WesadInputError('MALFORMED_PICKLE', `An array's data is ${describeValue(value)}, not bytes.`);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function parseIntLine(line: string): PyValue {
  if (line === '01') return true;
  if (line === '00') return false;
  return toNumberIfSafe(parseBigIntText(line));
}

function parseIntStrict(line: string): number {
  const value = Number(line);
  if (!Number.isSafeInteger(value)) {
    throw new WesadInputError('MALFORMED_PICKLE', `The pickle holds a bad memo index '${line.slice(0, 20)}'.`);
  }
  return value;
}

function parseBigIntText(text: string): bigint {
  if (!/^[+-]?\d+$/.test(text)) {
    throw new WesadInputError('MALFORMED_PICKLE', `The pickle holds a bad integer '${text.slice(0, 20)}'.`);
  }
  return BigInt(text);
}

function parseFloatLine(line: string): number {
  const value = Number(line);
  if (line.trim() === '' || (Number.isNaN(value) && !/^[+-]?nan$/i.test(line))) {
    throw new WesadInputError('MALFORMED_PICKLE', `The pickle holds a bad float '${line.slice(0, 20)}'.`);
  }
  return value;
}

function littleEndianSigned(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  const top = bytes[bytes.length - 1] ?? 0;
  return top >= 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

function toNumberIfSafe(value: bigint): number | bigint {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value;
}
