import { describe, expect, it } from 'vitest';
import { parseHostileInputConfig } from '../../../src/domain/wesad/hostileInputConfig.js';
import { ConfigurationError } from '../../../src/platform/config/environment.js';

describe('parseHostileInputConfig', () => {
  it('has documented defaults', () => {
    expect(parseHostileInputConfig({})).toEqual({
      upload: {
        maxRecordingHours: 48,
        zipMaxEntries: 64,
        maxFileBytes: 134_217_728,
        zipMaxTotalBytes: 268_435_456,
        pickleMaxOpcodes: 1_000_000,
      },
      predictConcurrency: 2,
      maxJsonBodyBytes: 1_048_576,
    });
  });

  it('reads each setting', () => {
    const config = parseHostileInputConfig({
      WESAD_MAX_RECORDING_HOURS: '2.5',
      WESAD_ZIP_MAX_ENTRIES: '10',
      WESAD_MAX_FILE_BYTES: '1000',
      WESAD_ZIP_MAX_TOTAL_BYTES: '2000',
      WESAD_PICKLE_MAX_OPCODES: '5000',
      WESAD_PREDICT_CONCURRENCY: '1',
      WESAD_MAX_JSON_BODY_BYTES: '4096',
    });
    expect(config).toEqual({
      upload: {
        maxRecordingHours: 2.5,
        zipMaxEntries: 10,
        maxFileBytes: 1000,
        zipMaxTotalBytes: 2000,
        pickleMaxOpcodes: 5000,
      },
      predictConcurrency: 1,
      maxJsonBodyBytes: 4096,
    });
  });

  it.each([
    ['WESAD_MAX_RECORDING_HOURS', '0'],
    ['WESAD_MAX_RECORDING_HOURS', '10000'],
    ['WESAD_ZIP_MAX_ENTRIES', '0'],
    ['WESAD_MAX_FILE_BYTES', '-1'],
    ['WESAD_ZIP_MAX_TOTAL_BYTES', 'lots'],
    ['WESAD_PICKLE_MAX_OPCODES', '10'],
    ['WESAD_PREDICT_CONCURRENCY', '0'],
    ['WESAD_MAX_JSON_BODY_BYTES', '12'],
  ])('refuses %s=%s, naming the setting', (name, value) => {
    expect(() => parseHostileInputConfig({ [name]: value })).toThrow(ConfigurationError);
    expect(() => parseHostileInputConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
