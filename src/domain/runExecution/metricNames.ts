import type { ClassificationMetrics } from '../training/index.js';

/**
 * How a run's metrics are named in its record and the registry. Kept apart from trainingWork (the
 * compute, which loads the training engine) so that modules on the host's thread, such as the
 * continuous-training activities, can name metrics without loading the engine at start-up.
 */
export function scalarMetrics(metrics: Omit<ClassificationMetrics, 'roc'>): Record<string, number> {
  const scalars: Record<string, number> = {
    loss: metrics.loss,
    accuracy: metrics.accuracy,
    precision: metrics.precision,
    recall: metrics.recall,
    f1: metrics.f1,
  };
  if (metrics.rocAuc !== null) scalars.auc = metrics.rocAuc;
  return scalars;
}

export function prefixed(prefix: string, metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).map(([name, value]) => [`${prefix}_${name}`, value]));
}
