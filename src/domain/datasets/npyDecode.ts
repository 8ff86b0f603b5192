/** A decoded .npy array of the dtypes window sets use. */
export type DecodedNpy =
  | { dtype: '<f4'; shape: number[]; data: Float32Array }
  | { dtype: '<f8'; shape: number[]; data: Float64Array }
  | { dtype: '|u1'; shape: number[]; data: Uint8Array };

const magic = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

/**
 * Reads the .npy files window sets are made of (NPY format 1.0–3.0, little-endian float32,
 * float64 or uint8, C order). Anything else is refused, never guessed at.
 */
export function decodeNpy(file: Buffer): DecodedNpy {
  if (file.length < 10 || !file.subarray(0, 6).equals(magic)) throw new Error('Not an .npy file.');
  const major = file[6];
  const headerLength = major === 1 ? file.readUInt16LE(8) : file.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = file.subarray(headerStart, headerStart + headerLength).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new Error(`Unreadable .npy header: ${header}`);
  if (fortran === 'True') throw new Error('Fortran-ordered .npy files are not used by window sets.');
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  const count = shape.reduce((product, size) => product * size, 1);
  const start = headerStart + headerLength;
  // Copies into an aligned buffer: the header length does not guarantee 4- or 8-byte alignment.
  const body = Uint8Array.prototype.slice.call(file, start, start + count * bytesPer(descr)).buffer;
  switch (descr) {
    case '<f4':
      return { dtype: descr, shape, data: new Float32Array(body, 0, count) };
    case '<f8':
      return { dtype: descr, shape, data: new Float64Array(body, 0, count) };
    case '|u1':
      return { dtype: descr, shape, data: new Uint8Array(body, 0, count) };
    default:
      throw new Error(`Unsupported .npy dtype ${descr}.`);
  }
}

function bytesPer(descr: string): number {
  return descr === '<f8' ? 8 : descr === '<f4' ? 4 : 1;
}
