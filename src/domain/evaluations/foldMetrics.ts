import type { ConfusionMatrix } from '../training/metrics/confusion.js';

/** The metrics an evaluation reports per fold and per subject, under the names runs use for test metrics. */
export const evaluationMetricNames = ['test_auc', 'test_accuracy', 'test_f1_macro', 'test_balanced_accuracy'] as const;
export type EvaluationMetricName = (typeof evaluationMetricNames)[number];
export type EvaluationMetrics = Partial<Record<EvaluationMetricName, number>>;

/**
 * Accuracy, macro F1 and balanced accuracy from a confusion matrix, as scikit-learn computes them
 * (f1_score(average='macro', zero_division=0), balanced_accuracy_score): macro F1 is the mean of
 * the F1 of stress and of non-stress; balanced accuracy is the mean recall over the classes present.
 * AUC needs the scores, so it is passed in (null when the windows hold one class, and then left out).
 */
export function metricsOfConfusion(confusion: ConfusionMatrix, auc: number | null): EvaluationMetrics {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = confusion;
  const total = tp + fp + tn + fn;
  if (total === 0) return {};
  const metrics: EvaluationMetrics = {
    test_accuracy: (tp + tn) / total,
    test_f1_macro: (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2,
  };
  const recalls = [tp + fn > 0 ? tp / (tp + fn) : undefined, tn + fp > 0 ? tn / (tn + fp) : undefined].filter(
    (recall) => recall !== undefined,
  );
  metrics.test_balanced_accuracy = recalls.reduce((sum, recall) => sum + recall, 0) / recalls.length;
  if (auc !== null) metrics.test_auc = auc;
  return metrics;
}

/** F1 of one class from its true positives, false positives and false negatives; 0 when undefined. */
function f1(truePositives: number, falsePositives: number, falseNegatives: number): number {
  const denominator = 2 * truePositives + falsePositives + falseNegatives;
  return denominator === 0 ? 0 : (2 * truePositives) / denominator;
}

/** The element-wise sum of confusion matrices: the pooled decisions of all folds. */
export function pooledConfusion(matrices: readonly ConfusionMatrix[]): ConfusionMatrix {
  const pooled: ConfusionMatrix = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
  for (const matrix of matrices) {
    pooled.truePositives += matrix.truePositives;
    pooled.falsePositives += matrix.falsePositives;
    pooled.trueNegatives += matrix.trueNegatives;
    pooled.falseNegatives += matrix.falseNegatives;
  }
  return pooled;
}

export interface MeanStd {
  mean: number;
  /** Sample standard deviation (n − 1), as papers report spread over folds; null for a single fold. */
  std: number | null;
  n: number;
}

/** Mean and sample standard deviation of the values; undefined when there are none. */
export function meanStd(values: readonly number[]): MeanStd | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  if (n === 1) return { mean, std: null, n };
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { mean, std: Math.sqrt(squares / (n - 1)), n };
}
