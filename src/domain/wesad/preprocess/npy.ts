import { endianness } from 'node:os';

export type NpyArray = Float32Array | Float64Array | Uint8Array;

const DESCR: ReadonlyMap<string, string> = new Map([
  ['Float32Array', '<f4'],
  ['Float64Array', '<f8'],
  ['Uint8Array', '|u1'],
]);

/** numpy's .npy format 1.0: magic, a header dict padded to 64 bytes, then little-endian C-order data. */
export function encodeNpy(array: NpyArray, shape: readonly number[]): Buffer {
  const header = npyHeader(DESCR.get(array.constructor.name) ?? '|u1', shape);
  if (array.byteOffset === header.length && array.buffer.byteLength === header.length + array.byteLength) {
    const whole = Buffer.from(array.buffer);
    if (whole.subarray(0, header.length).equals(header)) return whole;
  }
  const out = Buffer.alloc(header.length + array.byteLength);
  out.set(header, 0);
  out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), header.length);
  return out;
}

/**
 * A float32 matrix that already sits behind its .npy header, so encoding it later needs no second
 * copy (window sets are the largest thing preprocessing allocates).
 */
export function allocateNpyFloat32(rows: number, width: number): Float32Array {
  const header = npyHeader('<f4', [rows, width]);
  const buffer = new ArrayBuffer(header.length + rows * width * 4);
  new Uint8Array(buffer).set(header);
  return new Float32Array(buffer, header.length, rows * width);
}

function npyHeader(descr: string, shape: readonly number[]): Buffer {
  if (endianness() !== 'LE') throw new Error('.npy output is written from little-endian memory only.');
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const preamble = 10;
  const padded = Math.ceil((preamble + dict.length + 1) / 64) * 64;
  const out = Buffer.alloc(padded, 0x20);
  out.write('\x93NUMPY', 0, 'latin1');
  out[6] = 1;
  out[7] = 0;
  out.writeUInt16LE(padded - preamble, 8);
  out.write(dict, preamble, 'latin1');
  out[padded - 1] = 0x0a;
  return out;
}
