import { describe, expect, it } from 'vitest';
import { parseE4SignalCsv } from '../../../src/domain/wesad/e4/e4Csv.js';

const ACC =
  '1495437325.000000, 1495437325.000000, 1495437325.000000\n32.000000, 32.000000, 32.000000\n29,-6,55\n30,-5,54\n';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code ?? 'UNTYPED';
  }
  return 'ACCEPTED';
}

describe('E4 signal CSVs', () => {
  it('reads the start timestamp, the rate and three ACC columns', () => {
    const signal = parseE4SignalCsv(ACC, 'ACC.csv', 3);
    expect(signal).toMatchObject({ startUnix: 1495437325, rateHz: 32, columns: 3 });
    expect(Array.from(signal.values)).toEqual([29, -6, 55, 30, -5, 54]);
  });

  it('reads one-column files with CRLF line ends', () => {
    const signal = parseE4SignalCsv('1495437325.000000\r\n4.000000\r\n0.000000\r\n0.128\r\n', 'EDA.csv', 1);
    expect(Array.from(signal.values)).toEqual([0, 0.128]);
  });

  it('refuses a file missing its timestamp row', () => {
    expect(codeOf(() => parseE4SignalCsv('4.000000\n0.1\n0.2\n', 'EDA.csv', 1))).toBe('CSV_MISSING_HEADER');
  });

  it('refuses a file missing its rate row', () => {
    expect(codeOf(() => parseE4SignalCsv('1495437325.0\n0.0\n0.2\n', 'EDA.csv', 1))).toBe('CSV_MISSING_HEADER');
  });

  it('refuses a header row with the wrong number of columns', () => {
    const text = '1495437325.0\n32.0, 32.0, 32.0\n1,2,3\n';
    expect(codeOf(() => parseE4SignalCsv(text, 'ACC.csv', 3))).toBe('CSV_MISSING_HEADER');
  });

  it.each(['abc', '1,2', '', '0x10', '1e'])('refuses the non-numeric sample %j', (cell) => {
    const text = `1495437325.0\n4.0\n0.5\n${cell}\n0.6\n`;
    expect(codeOf(() => parseE4SignalCsv(text, 'EDA.csv', 1))).toBe('CSV_NON_NUMERIC');
  });

  it('refuses NaN samples', () => {
    expect(codeOf(() => parseE4SignalCsv('1495437325.0\n4.0\n0.5\nnan\n', 'EDA.csv', 1))).toBe('NON_FINITE_SAMPLE');
  });
});
