import { WesadInputError } from '../errors.js';

/** One E4 signal export: a start time and rate per column, then samples. */
export interface E4Signal {
  /** Unix seconds (UTC) of the first sample. */
  startUnix: number;
  rateHz: number;
  columns: number;
  /** rows × columns, row-major. */
  values: Float64Array;
}

/** Earliest plausible E4 session start (the device dates from 2014); older values mean a missing header. */
const EARLIEST_START_UNIX = 1_300_000_000;

/**
 * Parses ACC.csv / BVP.csv / EDA.csv / TEMP.csv: row 1 the start timestamp per column, row 2 the
 * sample rate per column, then one sample per row.
 */
export function parseE4SignalCsv(text: string, fileName: string, columns: number): E4Signal {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  const start = headerRow(lines[0], fileName, columns, 'start timestamp');
  const rate = headerRow(lines[1], fileName, columns, 'sample rate');
  const startUnix = start[0] ?? NaN;
  const rateHz = rate[0] ?? NaN;
  if (!(startUnix >= EARLIEST_START_UNIX) || start.some((value) => value !== startUnix)) {
    throw new WesadInputError(
      'CSV_MISSING_HEADER',
      `${fileName}: row 1 must hold the session start as a Unix timestamp in each of ${columns} column(s).`,
    );
  }
  if (!(rateHz > 0 && rateHz <= 10_000) || rate.some((value) => value !== rateHz)) {
    throw new WesadInputError('CSV_MISSING_HEADER', `${fileName}: row 2 must hold the sample rate in Hz.`);
  }
  const rows = lines.length - 2;
  const values = new Float64Array(rows * columns);
  for (let row = 0; row < rows; row += 1) {
    const cells = (lines[row + 2] ?? '').split(',');
    if (cells.length !== columns) {
      throw new WesadInputError(
        'CSV_NON_NUMERIC',
        `${fileName} line ${row + 3}: expected ${columns} value(s), found ${cells.length}.`,
      );
    }
    cells.forEach((cell, column) => {
      const value = parseNumber(cell);
      if (value === undefined) {
        throw new WesadInputError(
          'CSV_NON_NUMERIC',
          `${fileName} line ${row + 3}: '${cell.trim().slice(0, 30)}' is not a number.`,
        );
      }
      if (!Number.isFinite(value)) {
        throw new WesadInputError(
          'NON_FINITE_SAMPLE',
          `${fileName} line ${row + 3}: non-finite sample ${cell.trim()}.`,
        );
      }
      values[row * columns + column] = value;
    });
  }
  return { startUnix, rateHz, columns, values };
}

function headerRow(line: string | undefined, fileName: string, columns: number, what: string): number[] {
  const cells = (line ?? '').split(',');
  const values = cells.map(parseNumber);
  if (line === undefined || cells.length !== columns || values.some((value) => value === undefined)) {
    throw new WesadInputError(
      'CSV_MISSING_HEADER',
      `${fileName}: the ${what} row is missing or malformed (expected ${columns} number(s)).`,
    );
  }
  return values.map((value) => value ?? NaN);
}

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i;

function parseNumber(cell: string): number | undefined {
  const text = cell.trim();
  if (!NUMBER_PATTERN.test(text)) return undefined;
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'nan' || lower === '-nan') return NaN;
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}
