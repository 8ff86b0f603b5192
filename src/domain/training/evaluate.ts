import type { StressModel } from './backends/types.js';
import { classificationMetrics, type ClassificationMetrics } from './metrics/classificationMetrics.js';
import type { WindowSet } from './windows.js';

/** The model's metrics on held-out windows (never SMOTE-augmented ones). */
export async function evaluateModel(model: StressModel, windows: WindowSet): Promise<ClassificationMetrics> {
  return classificationMetrics(windows.labels, await model.predict(windows));
}
