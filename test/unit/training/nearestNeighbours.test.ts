import { describe, expect, it } from 'vitest';
import { nearestNeighbours } from '../../../src/domain/training/nearestNeighbours.js';
import { SeededRandom } from '../../../src/domain/training/random.js';

/** The k nearest by sorting every row's distances: slow, obviously right. */
function bruteForce(rows: Float32Array, count: number, dimension: number, k: number): number[] {
  const result: number[] = [];
  for (let i = 0; i < count; i++) {
    const distances: { j: number; distance: number }[] = [];
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      let distance = 0;
      for (let d = 0; d < dimension; d++)
        distance += ((rows[i * dimension + d] ?? 0) - (rows[j * dimension + d] ?? 0)) ** 2;
      distances.push({ j, distance });
    }
    distances.sort((a, b) => a.distance - b.distance || a.j - b.j);
    result.push(...distances.slice(0, k).map(({ j }) => j));
  }
  return result;
}

describe('nearestNeighbours', () => {
  it('lists the k closest other rows, closest first', () => {
    // Points at x = 0, 1, 3, 10 on a line (second coordinate 0).
    const rows = Float32Array.from([0, 0, 1, 0, 3, 0, 10, 0]);
    expect(Array.from(nearestNeighbours(rows, 4, 2, 2))).toEqual([1, 2, 0, 2, 1, 0, 2, 1]);
  });

  it('breaks distance ties towards the lower index', () => {
    const rows = Float32Array.from([0, 1, -1]);
    expect(Array.from(nearestNeighbours(rows, 3, 1, 1))).toEqual([1, 0, 0]);
  });

  it('rejects k that leaves no neighbours to choose from', () => {
    expect(() => nearestNeighbours(Float32Array.from([0, 1]), 2, 1, 2)).toThrow(RangeError);
  });

  it('finds the same neighbours as an exhaustive sort, for odd and even counts and dimensions', () => {
    const random = new SeededRandom(11);
    for (const [count, dimension] of [
      [37, 13],
      [38, 12],
      [5, 1],
      [2, 3],
    ] as const) {
      // Values on a coarse grid, so some distances tie exactly and the tie rule is exercised too.
      const rows = Float32Array.from({ length: count * dimension }, () => random.int(4));
      const k = Math.min(4, count - 1);
      expect(Array.from(nearestNeighbours(rows, count, dimension, k)), `${count}×${dimension}`).toEqual(
        bruteForce(rows, count, dimension, k),
      );
    }
  });
});
