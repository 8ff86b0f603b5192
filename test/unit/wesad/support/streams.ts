import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/** A file as a stream with a given chunk size, to exercise chunk boundaries. */
export function fileStream(path: string, chunkBytes = 64 * 1024): Readable {
  return createReadStream(path, { highWaterMark: chunkBytes });
}

/** In-memory bytes as a chunked async stream. */
export async function* chunked(bytes: Uint8Array, chunkBytes = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    await Promise.resolve();
    yield bytes.subarray(offset, offset + chunkBytes);
  }
}

export function concatPieces(pieces: Iterable<Uint8Array>): Uint8Array {
  return Buffer.concat([...pieces]);
}
