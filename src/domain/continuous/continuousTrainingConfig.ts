import { z } from 'zod';
import { ConfigurationError, validate } from '../../platform/config/environment.js';
import type { RegistryConfig } from '../registry/registryConfig.js';

/** App-wide defaults of continuous training; each experiment's own settings are stored and edited through the API. */
export interface ContinuousTrainingConfig {
  /** Quiet period after the last new window set before an automatic run starts, unless an experiment sets its own. */
  quietPeriodSeconds: number;
  /** The experiment that trains automatically until its settings say otherwise; undefined: none does. */
  defaultExperiment: string | undefined;
  /** The stage whose holder a challenger is compared with (never assigned automatically). */
  championStage: string;
  /** The stage a challenger that wins is assigned to. */
  challengerStage: string;
}

const schema = z.object({
  CONTINUOUS_TRAINING_QUIET_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(600),
  CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT: z
    .string()
    .regex(/^$|^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'an experiment name, or empty for none')
    .default('default'),
  CONTINUOUS_TRAINING_CHAMPION_STAGE: z.string().default('production'),
  CONTINUOUS_TRAINING_CHALLENGER_STAGE: z.string().default('staging'),
});

/**
 * Defaults: a 10-minute quiet period, the `default` experiment on, challengers compared with
 * production and put into staging. Both stages must exist and differ, so no setting can make the
 * system assign the champion's stage by itself.
 */
export function parseContinuousTrainingConfig(
  environment: NodeJS.ProcessEnv,
  registry: RegistryConfig,
): ContinuousTrainingConfig {
  const values = validate(schema, environment);
  const issues: string[] = [];
  for (const [setting, stage] of [
    ['CONTINUOUS_TRAINING_CHAMPION_STAGE', values.CONTINUOUS_TRAINING_CHAMPION_STAGE],
    ['CONTINUOUS_TRAINING_CHALLENGER_STAGE', values.CONTINUOUS_TRAINING_CHALLENGER_STAGE],
  ] as const) {
    if (!registry.stages.includes(stage)) {
      issues.push(`${setting}: "${stage}" is not in REGISTRY_STAGES (${registry.stages.join(', ')})`);
    }
  }
  if (values.CONTINUOUS_TRAINING_CHAMPION_STAGE === values.CONTINUOUS_TRAINING_CHALLENGER_STAGE) {
    issues.push('CONTINUOUS_TRAINING_CHALLENGER_STAGE must differ from CONTINUOUS_TRAINING_CHAMPION_STAGE');
  }
  if (issues.length > 0) throw new ConfigurationError(issues);
  return {
    quietPeriodSeconds: values.CONTINUOUS_TRAINING_QUIET_SECONDS,
    defaultExperiment:
      values.CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT === '' ? undefined : values.CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT,
    championStage: values.CONTINUOUS_TRAINING_CHAMPION_STAGE,
    challengerStage: values.CONTINUOUS_TRAINING_CHALLENGER_STAGE,
  };
}
