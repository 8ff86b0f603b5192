import { describe, expect, it } from 'vitest';
import { parsePreprocessingConfig } from '../../../src/domain/datasets/preprocessingConfig.js';
import { ConfigurationError } from '../../../src/platform/config/environment.js';

describe('parsePreprocessingConfig', () => {
  it('writes E4 exports as wesad-wrist-v2 and pickles as wesad-wrist-v1 by default', () => {
    expect(parsePreprocessingConfig({})).toEqual({
      formats: { e4: 'wesad-wrist-v2', pickle: 'wesad-wrist-v1' },
      respibanTimeZone: 'Europe/Berlin',
    });
  });

  it('reads WESAD_E4_FORMAT and WESAD_PICKLE_FORMAT', () => {
    expect(
      parsePreprocessingConfig({ WESAD_E4_FORMAT: 'wesad-wrist-v1', WESAD_PICKLE_FORMAT: 'wesad-wrist-v2' }),
    ).toMatchObject({ formats: { e4: 'wesad-wrist-v1', pickle: 'wesad-wrist-v2' } });
    expect(parsePreprocessingConfig({ WESAD_RESPIBAN_TIME_ZONE: 'UTC' }).respibanTimeZone).toBe('UTC');
  });

  it('refuses a format it does not know, naming the setting', () => {
    expect(() => parsePreprocessingConfig({ WESAD_PICKLE_FORMAT: 'v2' })).toThrow(ConfigurationError);
    expect(() => parsePreprocessingConfig({ WESAD_PICKLE_FORMAT: 'v2' })).toThrow(/WESAD_PICKLE_FORMAT/);
    expect(() => parsePreprocessingConfig({ WESAD_RESPIBAN_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      /WESAD_RESPIBAN_TIME_ZONE/,
    );
  });
});
