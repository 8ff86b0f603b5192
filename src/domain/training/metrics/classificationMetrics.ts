import { assertSameLength, confusionMatrix, DECISION_THRESHOLD, type ConfusionMatrix } from './confusion.js';
import { rocAuc, rocCurve, type RocPoint } from './roc.js';

/** Probabilities are clipped as Keras clips them, so a confident mistake costs -log(1e-7), not infinity. */
const PROBABILITY_EPSILON = 1e-7;

export interface ClassificationMetrics {
  loss: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** null when the evaluated windows hold a single class. */
  rocAuc: number | null;
  /**
   * The probability at or above which a window counts as predicted stress: accuracy, precision,
   * recall, F1 and the confusion matrix are at this threshold (loss and ROC AUC at none).
   */
  threshold: number;
  confusion: ConfusionMatrix;
  roc: RocPoint[];
}

/** Mean binary cross-entropy of the probabilities against 0/1 labels. */
export function binaryCrossEntropy(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  assertSameLength(labels, probabilities);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probabilities[i] ?? 0, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);
    sum += labels[i] === 1 ? -Math.log(p) : -Math.log(1 - p);
  }
  return sum / labels.length;
}

/**
 * The run's evaluation metrics at a decision threshold (DECISION_THRESHOLD, 0.5, unless given).
 * Precision, recall and F1 are 0 (not NaN) when their denominator is, as scikit-learn reports
 * them with zero_division=0.
 */
export function classificationMetrics(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold = DECISION_THRESHOLD,
): ClassificationMetrics {
  const confusion = confusionMatrix(labels, probabilities, threshold);
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = confusion;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    loss: binaryCrossEntropy(labels, probabilities),
    accuracy: (tp + tn) / labels.length,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    rocAuc: rocAuc(labels, probabilities),
    threshold,
    confusion,
    roc: rocCurve(labels, probabilities),
  };
}
