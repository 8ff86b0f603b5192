/**
 * A case small enough to work out by hand (see each test): at threshold 0.5 the predictions are
 * TP (0.9), FP (0.6), FN (0.4), TP (0.8), TN (0.2), FP (0.5, since ≥ 0.5 counts as positive).
 */
export const handLabels = [1, 0, 1, 1, 0, 0];
export const handProbabilities = [0.9, 0.6, 0.4, 0.8, 0.2, 0.5];
