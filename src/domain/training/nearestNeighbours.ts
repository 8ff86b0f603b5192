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
  const offerPair = (i: number, j: number, product: number): void => {
    // |a-b|² = |a|² + |b|² - 2a·b; clamped because rounding can make it slightly negative.
    const distance = Math.max(0, (squaredNorms[i] ?? 0) + (squaredNorms[j] ?? 0) - 2 * product);
    offer(i, j, distance);
    offer(j, i, distance);
  };
  // Rows are taken two at a time against two at a time: each value loaded serves two products, which
  // halves the memory traffic that bounds this loop. Pairs still reach every row in increasing index order.
  const tile = new Float64Array(4);
  for (let i = 0; i + 1 < count; i += 2) {
    const a0 = i * dimension;
    const a1 = a0 + dimension;
    offerPair(i, i + 1, dot(rows, a0, a1, dimension));
    let j = i + 2;
    for (; j + 1 < count; j += 2) {
      dotTile(rows, a0, a1, j * dimension, (j + 1) * dimension, dimension, tile);
      offerPair(i, j, tile[0] ?? 0);
      offerPair(i, j + 1, tile[1] ?? 0);
      offerPair(i + 1, j, tile[2] ?? 0);
      offerPair(i + 1, j + 1, tile[3] ?? 0);
    }
    if (j < count) {
      offerPair(i, j, dot(rows, a0, j * dimension, dimension));
      offerPair(i + 1, j, dot(rows, a1, j * dimension, dimension));
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

/** The four products of rows a0, a1 with rows b0, b1, into `out` as [a0·b0, a0·b1, a1·b0, a1·b1]. */
function dotTile(
  values: Float32Array,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  length: number,
  out: Float64Array,
): void {
  // Two sums per product, over alternate elements, so consecutive additions do not wait on each other.
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  let t00 = 0;
  let t01 = 0;
  let t10 = 0;
  let t11 = 0;
  let d = 0;
  for (; d + 1 < length; d += 2) {
    const x0 = values[a0 + d] ?? 0;
    const x1 = values[a1 + d] ?? 0;
    const y0 = values[b0 + d] ?? 0;
    const y1 = values[b1 + d] ?? 0;
    s00 += x0 * y0;
    s01 += x0 * y1;
    s10 += x1 * y0;
    s11 += x1 * y1;
    const u0 = values[a0 + d + 1] ?? 0;
    const u1 = values[a1 + d + 1] ?? 0;
    const v0 = values[b0 + d + 1] ?? 0;
    const v1 = values[b1 + d + 1] ?? 0;
    t00 += u0 * v0;
    t01 += u0 * v1;
    t10 += u1 * v0;
    t11 += u1 * v1;
  }
  if (d < length) {
    // An odd length leaves one element per row.
    s00 += dot(values, a0 + d, b0 + d, 1);
    s01 += dot(values, a0 + d, b1 + d, 1);
    s10 += dot(values, a1 + d, b0 + d, 1);
    s11 += dot(values, a1 + d, b1 + d, 1);
  }
  out[0] = s00 + t00;
  out[1] = s01 + t01;
  out[2] = s10 + t10;
  out[3] = s11 + t11;
}
