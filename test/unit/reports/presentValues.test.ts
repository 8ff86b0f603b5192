import { describe, expect, it } from 'vitest';
import { presentRows, presentValue } from '../../../src/domain/reports/presentValues.js';

describe('values in report tables', () => {
  it('leaves out empty values, also once their empty parts are dropped', () => {
    for (const empty of [null, undefined, '', [], {}, { EDA: {} }, [null, ''], { a: [] }])
      expect(presentValue(empty), JSON.stringify(empty)).toBeUndefined();
    expect(
      presentRows([
        ['input_shapes', {}],
        ['epochs', 10],
        ['seed', 0],
        ['shuffle', false],
        ['note', null],
      ]),
    ).toEqual([
      ['epochs', '10'],
      ['seed', '0'],
      ['shuffle', 'false'],
    ]);
  });

  it('shows lists and objects as text, nested ones bracketed', () => {
    expect(presentValue(['EDA', 'BVP'])).toBe('EDA, BVP');
    expect(presentValue({ EDA: 32, BVP: 256, TEMP: null })).toBe('EDA: 32, BVP: 256');
    expect(presentValue({ a: { b: 1, c: [2, 3] }, d: 'x' })).toBe('a: (b: 1, c: (2, 3)), d: x');
  });
});
