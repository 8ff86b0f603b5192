import { assertSameLength } from './confusion.js';

export interface RocPoint {
  falsePositiveRate: number;
  truePositiveRate: number;
  /** Windows scoring at least this are predicted positive at this point; the first point's is +Infinity. */
  threshold: number;
}

/**
 * The ROC curve: one point per distinct score, from (0, 0) to (1, 1). Tied scores move the curve diagonally in
 * one step, so the area under it counts a tied positive/negative pair as half right.
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocPoint[] {
  assertSameLength(labels, scores);
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const positives = countPositives(labels);
  const negatives = labels.length - positives;
  const points: RocPoint[] = [{ falsePositiveRate: 0, truePositiveRate: 0, threshold: Number.POSITIVE_INFINITY }];
  let truePositives = 0;
  let falsePositives = 0;
  for (let i = 0; i < order.length; i++) {
    const index = order[i] ?? 0;
    if (labels[index] === 1) truePositives++;
    else falsePositives++;
    const score = scores[index] ?? 0;
    const nextScore = i + 1 < order.length ? scores[order[i + 1] ?? 0] : undefined;
    if (nextScore === score) continue;
    points.push({
      falsePositiveRate: negatives === 0 ? 0 : falsePositives / negatives,
      truePositiveRate: positives === 0 ? 0 : truePositives / positives,
      threshold: score,
    });
  }
  return points;
}

/** Area under the ROC curve by the trapezoid rule; null when the labels hold only one class (it is undefined). */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const positives = countPositives(labels);
  if (positives === 0 || positives === labels.length) return null;
  const points = rocCurve(labels, scores);
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const previous = points[i - 1];
    const current = points[i];
    if (!previous || !current) continue;
    area +=
      ((current.falsePositiveRate - previous.falsePositiveRate) *
        (current.truePositiveRate + previous.truePositiveRate)) /
      2;
  }
  return area;
}

function countPositives(labels: ArrayLike<number>): number {
  return Array.from(labels).filter((label) => label === 1).length;
}
