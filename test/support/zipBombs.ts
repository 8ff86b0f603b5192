import { Zip, ZipDeflate, zipSync } from 'fflate';

/** One entry of a generated zip: its name and its content, produced piece by piece. */
export interface GeneratedEntry {
  name: string;
  pieces: () => Iterable<Uint8Array>;
}

/**
 * A zip built with fflate's streaming deflate: each entry's content is generated piece by piece
 * and only the compressed output is kept, so a 250 MB entry costs its compressed size in memory.
 */
export function streamedZip(entries: readonly GeneratedEntry[], level: 6 | 9 = 9): Buffer {
  const output: Uint8Array[] = [];
  const failures: Error[] = [];
  const zip = new Zip((error, data) => {
    if (error !== null) failures.push(error);
    output.push(data);
  });
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level });
    zip.add(file);
    for (const piece of entry.pieces()) file.push(piece);
    file.push(new Uint8Array(0), true);
  }
  zip.end();
  const [failure] = failures;
  if (failure !== undefined) throw failure;
  return Buffer.concat(output);
}

/** `count` copies of `line`, handed out in pieces of about a MiB (the same buffer each time). */
export function repeatedLines(line: string, count: number): () => Iterable<Uint8Array> {
  const perPiece = Math.max(1, Math.floor((1024 * 1024) / line.length));
  const piece = Buffer.from(line.repeat(perPiece));
  return function* () {
    let left = count;
    while (left >= perPiece) {
      yield piece;
      left -= perPiece;
    }
    if (left > 0) yield piece.subarray(0, left * line.length);
  };
}

/** A text header followed by generated lines, as one entry's pieces. */
export function csvPieces(header: string, lines: () => Iterable<Uint8Array>): () => Iterable<Uint8Array> {
  return function* () {
    yield Buffer.from(header);
    yield* lines();
  };
}

/**
 * A one-entry zip whose local header and central directory both claim `claimedSize` uncompressed
 * bytes, while the entry really inflates to `content`: a reader trusting headers is fooled.
 */
export function lyingSizeZip(name: string, content: Uint8Array, claimedSize: number): Buffer {
  const zip = Buffer.from(zipSync({ [name]: content }, { level: 9 }));
  zip.writeUInt32LE(claimedSize, 22);
  const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  if (central < 0) throw new Error('no central directory');
  zip.writeUInt32LE(claimedSize, central + 24);
  return zip;
}
