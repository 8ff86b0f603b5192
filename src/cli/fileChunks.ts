/// <reference lib="es2024.arraybuffer" />
import { open } from 'node:fs/promises';

/**
 * A file as a stream of chunks read into two reused buffers: no per-chunk allocation, so streaming
 * a 0.3 GB pickle leaves no garbage behind, and the next read is already under way while the
 * current chunk is parsed. Each chunk is valid until the next one is requested, which is how the
 * pickle reader consumes them.
 */
export async function* readFileChunks(path: string, chunkBytes = 1024 * 1024): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  let filling = new Uint8Array(chunkBytes);
  let spare = new Uint8Array(chunkBytes);
  let pending = handle.read(filling, 0, chunkBytes, null);
  try {
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return;
      const ready = filling;
      [filling, spare] = [spare, filling];
      // The consumer asked for this chunk, so it is done with the other buffer: refill it now.
      pending = handle.read(filling, 0, chunkBytes, null);
      yield ready.subarray(0, bytesRead);
    }
  } finally {
    // A read may still be in flight when the consumer stops early; let it settle before closing.
    await Promise.allSettled([pending]);
    await handle.close();
    // The consumer is done with every chunk: hand the buffers back now rather than at the next
    // garbage collection, which a short run may not see before it allocates its results.
    filling.buffer.transfer(0);
    spare.buffer.transfer(0);
  }
}
