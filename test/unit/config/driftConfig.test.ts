import { describe, expect, it } from 'vitest';
import { parseDriftConfig } from '../../../src/domain/drift/driftConfig.js';
import { ConfigurationError } from '../../../src/platform/config/environment.js';

describe('parseDriftConfig', () => {
  it('flags shifts of more than 3.5 training standard deviations by default', () => {
    expect(parseDriftConfig({})).toEqual({ shiftThreshold: 3.5 });
  });

  it('reads DRIFT_SHIFT_THRESHOLD', () => {
    expect(parseDriftConfig({ DRIFT_SHIFT_THRESHOLD: '2.5' })).toEqual({ shiftThreshold: 2.5 });
  });

  it('refuses a threshold that is not a positive number, naming the setting', () => {
    for (const value of ['0', '-1', 'three', '1000']) {
      expect(() => parseDriftConfig({ DRIFT_SHIFT_THRESHOLD: value })).toThrow(ConfigurationError);
    }
    expect(() => parseDriftConfig({ DRIFT_SHIFT_THRESHOLD: 'three' })).toThrow(/DRIFT_SHIFT_THRESHOLD/);
  });
});
