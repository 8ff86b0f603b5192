import { z } from 'zod';
import { modelName } from '../identifiers.js';

/** Metrics a challenger may be judged on: the held-out ones where higher is better. */
export const comparisonMetrics = ['test_auc', 'test_accuracy', 'test_f1', 'test_precision', 'test_recall'] as const;
export type ComparisonMetric = (typeof comparisonMetrics)[number];

/**
 * An experiment's continuous-training settings as PUT /api/experiments/{experiment}/continuous-training
 * takes them. Omitted fields take their defaults, so `{ "enabled": false }` is a complete request.
 */
export const continuousTrainingSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** The registry model automatic runs register versions of. */
    model: modelName.default('stress-cnn'),
    /** Training params of automatic runs (the schema of POST /api/runs' params; defaults filled in). */
    params: z.record(z.string(), z.unknown()).default({}),
    /** Overrides the app's quiet period (CONTINUOUS_TRAINING_QUIET_SECONDS) for this experiment. */
    quietPeriodSeconds: z
      .int()
      .min(1)
      .max(7 * 24 * 3600)
      .nullable()
      .default(null),
    comparison: z
      .object({
        metric: z.enum(comparisonMetrics).default('test_auc'),
        /** How much the challenger must exceed the champion on `metric` (may be negative to accept a tie band). */
        margin: z.number().min(-1).max(1).default(0.01),
      })
      .strict()
      .default({ metric: 'test_auc', margin: 0.01 }),
  })
  .strict();

export type ContinuousTrainingSettings = z.output<typeof continuousTrainingSettingsSchema>;

/** The settings of an experiment nobody has configured: on only for the app's default experiment. */
export function defaultSettings(enabled: boolean): ContinuousTrainingSettings {
  return continuousTrainingSettingsSchema.parse({ enabled });
}
