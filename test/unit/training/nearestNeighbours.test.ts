import { describe, expect, it } from 'vitest';
import { nearestNeighbours } from '../../../src/training/nearestNeighbours.js';

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
});
