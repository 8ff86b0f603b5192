/**
 * The k nearest other rows of each row of a `[count, dimension]` matrix by Euclidean distance, by exhaustive
 * search (flattened windows have hundreds of dimensions, where tree indexes degrade to it anyway); each pair's
 * distance is computed once and offered to both rows. Ties go to the lower index, so the result is
 * deterministic. Returns `[count, k]` row indices, nearest first.
 */
export function nearestNeighbours(rows: Float32Array, count: number, dimension: number, k: number): Int32Array {
  if (k < 1 || k >= count) throw new RangeError(`k must be in [1, ${count - 1}], got ${k}`);
  const squaredNorms = new Float64Array(count);
  for (let i = 0; i < count; i++) squaredNorms[i] = dot(rows, i * dimension, i * dimension, dimension);
  const bestDistances = new Float64Array(count * k).fill(Number.POSITIVE_INFINITY);
  const neighbours = new Int32Array(count * k).fill(-1);
  // Candidates reach each row in increasing index order, so keeping the earlier of equal distances keeps the
  // lower index.
  const offer = (row: number, candidate: number, distance: number): void => {
    const base = row * k;
    if (distance >= (bestDistances[base + k - 1] ?? 0)) return;
    let slot = k - 1;
    while (slot > 0 && (bestDistances[base + slot - 1] ?? 0) > distance) {
      bestDistances[base + slot] = bestDistances[base + slot - 1] ?? 0;
      neighbours[base + slot] = neighbours[base + slot - 1] ?? 0;
      slot--;
    }
    bestDistances[base + slot] = distance;
    neighbours[base + slot] = candidate;
  };
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      // |a-b|² = |a|² + |b|² - 2a·b; clamped because rounding can make it slightly negative.
      const product = dot(rows, i * dimension, j * dimension, dimension);
      const distance = Math.max(0, (squaredNorms[i] ?? 0) + (squaredNorms[j] ?? 0) - 2 * product);
      offer(i, j, distance);
      offer(j, i, distance);
    }
  }
  return neighbours;
}

function dot(values: Float32Array, a: number, b: number, length: number): number {
  // Four partial sums let the loop overlap its additions instead of waiting on one running total.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < length; d += 4) {
    s0 += (values[a + d] ?? 0) * (values[b + d] ?? 0);
    s1 += (values[a + d + 1] ?? 0) * (values[b + d + 1] ?? 0);
    s2 += (values[a + d + 2] ?? 0) * (values[b + d + 2] ?? 0);
    s3 += (values[a + d + 3] ?? 0) * (values[b + d + 3] ?? 0);
  }
  for (; d < length; d++) s0 += (values[a + d] ?? 0) * (values[b + d] ?? 0);
  return s0 + s1 + s2 + s3;
}
