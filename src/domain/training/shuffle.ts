import type { SeededRandom } from './random.js';

/**
 * The order in which a `tf.data`-style shuffle buffer of `bufferSize` emits `count` items: the buffer starts
 * with the first items, each step emits a random buffered item and refills its slot from the stream. With a
 * buffer smaller than the data this only shuffles locally, as it does in the production pipeline.
 */
export function shuffleBufferOrder(count: number, bufferSize: number, random: SeededRandom): Uint32Array {
  const order = new Uint32Array(count);
  const buffer: number[] = [];
  let nextItem = 0;
  while (buffer.length < bufferSize && nextItem < count) buffer.push(nextItem++);
  for (let out = 0; out < count; out++) {
    const slot = random.int(buffer.length);
    order[out] = buffer[slot] ?? 0;
    if (nextItem < count) {
      buffer[slot] = nextItem++;
    } else {
      buffer[slot] = buffer[buffer.length - 1] ?? 0;
      buffer.pop();
    }
  }
  return order;
}
