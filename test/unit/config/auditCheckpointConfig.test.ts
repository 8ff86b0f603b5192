import { describe, expect, it } from 'vitest';
import { parseAuditCheckpointConfig } from '../../../src/domain/audit/auditCheckpointConfig.js';
import { ConfigurationError } from '../../../src/platform/config/environment.js';

describe('AUDIT_CHECKPOINT_SCHEDULE', () => {
  it('defaults to every 15 minutes and takes any six-field NCRONTAB expression', () => {
    expect(parseAuditCheckpointConfig({}).schedule).toBe('0 */15 * * * *');
    expect(parseAuditCheckpointConfig({ AUDIT_CHECKPOINT_SCHEDULE: ' 0 0 * * * * ' }).schedule).toBe('0 0 * * * *');
  });

  it('refuses a five-field (Unix cron) schedule, which the Functions host would read differently', () => {
    expect(() => parseAuditCheckpointConfig({ AUDIT_CHECKPOINT_SCHEDULE: '*/15 * * * *' })).toThrow(ConfigurationError);
  });
});
