import { readFileSync } from 'node:fs';

export interface NpyContent {
  descr: string;
  shape: number[];
  values: number[];
}

/** Reads the little-endian .npy files numpy and our writer produce (f4, f8, u1), for comparisons. */
export function parseNpy(bytes: Uint8Array): NpyContent {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.toString('latin1', 0, 6) !== '\x93NUMPY') throw new Error('not an .npy file');
  const headerLength = buffer.readUInt16LE(8);
  const header = buffer.toString('latin1', 10, 10 + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1] ?? '';
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  const data = buffer.subarray(10 + headerLength);
  const copy = new Uint8Array(data).buffer;
  const values =
    descr === '<f4'
      ? Array.from(new Float32Array(copy))
      : descr === '<f8'
        ? Array.from(new Float64Array(copy))
        : Array.from(new Uint8Array(copy));
  return { descr, shape, values };
}

export function readNpy(path: string): NpyContent {
  return parseNpy(readFileSync(path));
}
