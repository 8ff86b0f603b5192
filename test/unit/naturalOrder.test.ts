import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../src/platform/naturalOrder.js';

describe('natural order of subject names', () => {
  it('orders numbers inside names by value', () => {
    expect(['S10', 'S2', 'S17', 'S11', 'S3'].sort(naturalCompare)).toEqual(['S2', 'S3', 'S10', 'S11', 'S17']);
    expect(['S10/S10.pkl', 'S2/S2_quest.csv', 'S2/EDA.csv', 'S9/S9.pkl'].sort(naturalCompare)).toEqual([
      'S2/EDA.csv',
      'S2/S2_quest.csv',
      'S9/S9.pkl',
      'S10/S10.pkl',
    ]);
  });

  it('is total: equal values in different spellings, long digit runs and prefixes', () => {
    expect(['S02', 'S2', 'S1'].sort(naturalCompare)).toEqual(['S1', 'S02', 'S2']);
    expect(naturalCompare('S123456789012345678901', 'S123456789012345678902')).toBeLessThan(0);
    expect(naturalCompare('S2', 'S2a')).toBeLessThan(0);
    expect(naturalCompare('abc', 'abc')).toBe(0);
  });
});
