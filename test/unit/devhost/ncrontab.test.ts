import { describe, expect, it } from 'vitest';
import { NcrontabSchedule } from '../../../devhost/timer/ncrontab.js';

const at = (iso: string): Date => new Date(iso);

describe('NCRONTAB schedules', () => {
  it('finds the next occurrence of every-five-minutes and a daily time', () => {
    expect(new NcrontabSchedule('0 */5 * * * *').next(at('2026-11-26T10:07:30Z')).toISOString()).toBe(
      '2026-11-26T10:10:00.000Z',
    );
    expect(new NcrontabSchedule('0 30 3 * * *').next(at('2026-11-26T10:07:30Z')).toISOString()).toBe(
      '2026-11-27T03:30:00.000Z',
    );
  });

  it('honours lists, ranges, weekdays and month boundaries', () => {
    // 09:00 on weekdays: 2026-11-28 is a Saturday, so after Friday 10:00 the next is Monday 30th.
    expect(new NcrontabSchedule('0 0 9 * * 1-5').next(at('2026-11-27T10:00:00Z')).toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
    expect(new NcrontabSchedule('0 0 0 1 1,7 *').next(at('2026-11-27T10:00:00Z')).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(new NcrontabSchedule('*/15 * * * * *').next(at('2026-11-26T10:07:59Z')).toISOString()).toBe(
      '2026-11-26T10:08:00.000Z',
    );
  });

  it('refuses expressions it cannot honour', () => {
    expect(() => new NcrontabSchedule('*/5 * * * *')).toThrow(/six fields/);
    expect(() => new NcrontabSchedule('0 61 * * * *')).toThrow(/outside/);
    expect(() => new NcrontabSchedule('0 0 0 31 2 *').next(at('2026-01-01T00:00:00Z'))).toThrow(/never fires/);
  });
});
