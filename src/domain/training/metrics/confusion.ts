/** Counts of a binary classifier's decisions at one threshold, the positive class being stress (label 1). */
export interface ConfusionMatrix {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

/** The decision threshold of a run's evaluation: a window is predicted stress at probability ≥ 0.5. */
export const DECISION_THRESHOLD = 0.5;

/** Windows with probability ≥ threshold count as predicted stress. */
export function confusionMatrix(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold = DECISION_THRESHOLD,
): ConfusionMatrix {
  assertSameLength(labels, probabilities);
  const matrix: ConfusionMatrix = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
  for (let i = 0; i < labels.length; i++) {
    const actual = labels[i] === 1;
    const predicted = (probabilities[i] ?? 0) >= threshold;
    if (actual && predicted) matrix.truePositives++;
    else if (predicted) matrix.falsePositives++;
    else if (actual) matrix.falseNegatives++;
    else matrix.trueNegatives++;
  }
  return matrix;
}

export function assertSameLength(labels: ArrayLike<number>, probabilities: ArrayLike<number>): void {
  if (labels.length !== probabilities.length) {
    throw new RangeError(`${labels.length} labels but ${probabilities.length} predictions`);
  }
  if (labels.length === 0) throw new RangeError('no windows to evaluate');
}
