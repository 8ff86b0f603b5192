import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/domain/training/random.js';
import { shuffleBufferOrder } from '../../../src/domain/training/shuffle.js';

describe('shuffleBufferOrder', () => {
  it('emits every item exactly once', () => {
    const order = shuffleBufferOrder(100, 16, new SeededRandom(1));
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('never emits an item before it could have entered the buffer', () => {
    // Item i enters once i - bufferSize items have left, so at output position p it is at most p + bufferSize - 1.
    const order = shuffleBufferOrder(200, 8, new SeededRandom(2));
    order.forEach((item, position) => {
      expect(item).toBeLessThanOrEqual(position + 7);
    });
  });

  it('repeats for a seed and differs between seeds', () => {
    const first = shuffleBufferOrder(50, 50, new SeededRandom(3));
    expect(shuffleBufferOrder(50, 50, new SeededRandom(3))).toEqual(first);
    expect(shuffleBufferOrder(50, 50, new SeededRandom(4))).not.toEqual(first);
  });
});
