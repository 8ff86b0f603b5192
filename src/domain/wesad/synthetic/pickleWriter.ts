/**
 * Writes the WESAD subject layout the way Python 2 numpy pickled it (protocol 2, byte strings as
 * SHORT_BINSTRING/BINSTRING, arrays through numpy.core.multiarray._reconstruct + BUILD). Array data
 * is produced block by block, so a full-size subject never has to sit in memory.
 */

export type PickleDtype = '<f8' | '<f4' | '<i4';

/** An array whose C-order data is produced in blocks of whole rows. */
export interface ArraySource {
  dtype: PickleDtype;
  shape: readonly number[];
  blocks(): Iterable<Uint8Array>;
}

export type PickleTree = string | ArraySource | { readonly [key: string]: PickleTree };

const PROTO = 0x80;
const GLOBAL_OPCODE = 0x63;
const EMPTY_DICT = 0x7d;
const MARK = 0x28;
const SETITEMS = 0x75;
const STOP = 0x2e;
const SHORT_BINSTRING = 0x55;
const BINSTRING = 0x54;
const BININT1 = 0x4b;
const BININT = 0x4a;
const TUPLE = 0x74;
const TUPLE1 = 0x85;
const TUPLE2 = 0x86;
const TUPLE3 = 0x87;
const REDUCE = 0x52;
const BUILD = 0x62;
const NEWFALSE = 0x89;
const NEWTRUE = 0x88;
const NONE = 0x4e;

export function* writeWesadPickle(tree: PickleTree): Generator<Uint8Array> {
  yield Uint8Array.of(PROTO, 2);
  yield* value(tree);
  yield Uint8Array.of(STOP);
}

function* value(tree: PickleTree): Generator<Uint8Array> {
  if (typeof tree === 'string') {
    yield byteString(Buffer.from(tree, 'latin1'));
  } else if (isArraySource(tree)) {
    yield* ndarray(tree);
  } else {
    yield Uint8Array.of(EMPTY_DICT, MARK);
    for (const [key, child] of Object.entries(tree)) {
      yield byteString(Buffer.from(key, 'latin1'));
      yield* value(child);
    }
    yield Uint8Array.of(SETITEMS);
  }
}

function isArraySource(tree: PickleTree): tree is ArraySource {
  return typeof tree === 'object' && 'blocks' in tree && typeof tree.blocks === 'function';
}

function* ndarray(array: ArraySource): Generator<Uint8Array> {
  const kind = array.dtype.slice(1, 2);
  const size = array.dtype.slice(2);
  const count = array.shape.reduce((a, b) => a * b, 1);
  yield concat([
    global('numpy.core.multiarray', '_reconstruct'),
    global('numpy', 'ndarray'),
    Uint8Array.of(BININT1, 0, TUPLE1),
    byteString(Buffer.from('b')),
    Uint8Array.of(TUPLE3, REDUCE, MARK, BININT1, 1),
    shapeTuple(array.shape),
    global('numpy', 'dtype'),
    byteString(Buffer.from(`${kind}${size}`)),
    Uint8Array.of(NEWFALSE, NEWTRUE, TUPLE3, REDUCE, MARK, BININT1, 3),
    byteString(Buffer.from('<')),
    Uint8Array.of(NONE, NONE, NONE),
    int32(-1),
    int32(-1),
    Uint8Array.of(BININT1, 0, TUPLE, BUILD, NEWFALSE),
    binstringHeader(count * Number(size)),
  ]);
  yield* array.blocks();
  yield Uint8Array.of(TUPLE, BUILD);
}

function global(module: string, name: string): Uint8Array {
  return Uint8Array.from(Buffer.from(`${String.fromCharCode(GLOBAL_OPCODE)}${module}\n${name}\n`, 'latin1'));
}

function byteString(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 256) return concat([Uint8Array.of(SHORT_BINSTRING, bytes.length), bytes]);
  return concat([binstringHeader(bytes.length), bytes]);
}

function binstringHeader(length: number): Uint8Array {
  const header = Buffer.alloc(5);
  header[0] = BINSTRING;
  header.writeInt32LE(length, 1);
  return header;
}

function int32(value: number): Uint8Array {
  const out = Buffer.alloc(5);
  out[0] = BININT;
  out.writeInt32LE(value, 1);
  return out;
}

function shapeTuple(shape: readonly number[]): Uint8Array {
  const parts = shape.map((dimension) => (dimension < 256 ? Uint8Array.of(BININT1, dimension) : int32(dimension)));
  const closing = shape.length === 1 ? [TUPLE1] : shape.length === 2 ? [TUPLE2] : [TUPLE];
  return concat([...(shape.length > 2 ? [Uint8Array.of(MARK)] : []), ...parts, Uint8Array.from(closing)]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

/** Whole-array convenience sources. */
export function float64Source(values: Float64Array, shape: readonly number[]): ArraySource {
  return { dtype: '<f8', shape, blocks: () => [new Uint8Array(values.buffer, values.byteOffset, values.byteLength)] };
}

export function int32Source(values: Int32Array, shape: readonly number[]): ArraySource {
  return { dtype: '<i4', shape, blocks: () => [new Uint8Array(values.buffer, values.byteOffset, values.byteLength)] };
}
