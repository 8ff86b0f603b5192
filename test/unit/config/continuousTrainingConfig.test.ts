import { describe, expect, it } from 'vitest';
import { parseContinuousTrainingConfig } from '../../../src/domain/continuous/continuousTrainingConfig.js';
import { parseRegistryConfig } from '../../../src/domain/registry/registryConfig.js';
import { ConfigurationError } from '../../../src/platform/config/environment.js';

const registry = parseRegistryConfig({});

describe('continuous-training configuration', () => {
  it('defaults to a 10-minute quiet period, the default experiment, production vs staging', () => {
    expect(parseContinuousTrainingConfig({}, registry)).toEqual({
      quietPeriodSeconds: 600,
      defaultExperiment: 'default',
      championStage: 'production',
      challengerStage: 'staging',
    });
  });

  it('reads an empty default experiment as none', () => {
    const config = parseContinuousTrainingConfig(
      { CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT: '', CONTINUOUS_TRAINING_QUIET_SECONDS: '30' },
      registry,
    );
    expect(config).toMatchObject({ defaultExperiment: undefined, quietPeriodSeconds: 30 });
  });

  it('refuses stages the registry lacks, the same stage twice, and a quiet period of zero', () => {
    expect(() =>
      parseContinuousTrainingConfig({ CONTINUOUS_TRAINING_CHALLENGER_STAGE: 'pre-release' }, registry),
    ).toThrow(/CONTINUOUS_TRAINING_CHALLENGER_STAGE: "pre-release" is not in REGISTRY_STAGES/);
    expect(() =>
      parseContinuousTrainingConfig({ CONTINUOUS_TRAINING_CHALLENGER_STAGE: 'production' }, registry),
    ).toThrow(/must differ/);
    expect(() => parseContinuousTrainingConfig({ CONTINUOUS_TRAINING_QUIET_SECONDS: '0' }, registry)).toThrow(
      ConfigurationError,
    );
  });
});
