import { WesadInputError, WesadLimitError, type LimitBreach } from '../errors.js';

/** One E4 signal export: a start time and rate per column, then samples. */
export interface E4Signal {
  /** Unix seconds (UTC) of the first sample. */
  startUnix: number;
  rateHz: number;
  columns: number;
  /** rows × columns, row-major. */
  values: Float64Array;
}

/** What a signal file must look like, and how long it may be. */
export interface E4CsvExpectation {
  columns: number;
  /** The rate the E4 writes for this signal; another rate in row 2 is refused there. */
  rateHz?: number;
  /** Sample rows beyond this are refused as they arrive (blank lines count too). */
  maxRows?: number;
  /** The setting behind maxRows, named when it is passed. */
  maxRowsLimit?: LimitBreach;
}

/** Earliest plausible E4 session start (the device dates from 2014); older values mean a missing header. */
const EARLIEST_START_UNIX = 1_300_000_000;

/** E4 lines are under 40 characters; a longer one is not a sample row, and is never buffered whole. */
export const MAX_CSV_LINE_CHARS = 1024;

/** Values are kept in blocks, so a growing stream never holds a doubled copy of itself. */
const BLOCK_VALUES = 64 * 1024;

/**
 * Reads ACC.csv / BVP.csv / EDA.csv / TEMP.csv as their bytes arrive: row 1 the start timestamp per
 * column, row 2 the sample rate per column, then one sample per row. Memory is the samples read so
 * far (at most maxRows) plus one line; the first bad row, wrong rate or row past the limit throws.
 */
export class E4SignalCsvReader {
  readonly #blocks: Float64Array[] = [];
  #block = new Float64Array(0);
  #filled = 0;
  /** The bytes of a line that continues in the next chunk (never more than a line's limit). */
  #partial: Uint8Array = new Uint8Array(0);
  #line = 0;
  #rows = 0;
  #blankSince: number | undefined;
  #startUnix = NaN;
  #rateHz = NaN;
  /** One row's values, pushed only once the whole row has parsed. */
  readonly #row: Float64Array;

  constructor(
    private readonly fileName: string,
    private readonly expected: E4CsvExpectation,
  ) {
    this.#row = new Float64Array(expected.columns);
  }

  write(bytes: Uint8Array): void {
    let start = 0;
    if (this.#partial.length > 0) {
      const newline = bytes.indexOf(NEWLINE);
      const end = newline < 0 ? bytes.length : newline;
      const joined = Buffer.concat([this.#partial, bytes.subarray(0, end)]);
      if (newline < 0) {
        this.#keepPartial(joined);
        return;
      }
      this.#partial = new Uint8Array(0);
      this.#takeLine(joined, 0, joined.length);
      start = newline + 1;
    }
    for (let newline = bytes.indexOf(NEWLINE, start); newline >= 0; newline = bytes.indexOf(NEWLINE, start)) {
      this.#takeLine(bytes, start, newline);
      start = newline + 1;
    }
    this.#keepPartial(bytes.slice(start));
  }

  finish(): E4Signal {
    const rest = this.#partial;
    this.#partial = new Uint8Array(0);
    if (rest.length > 0) this.#takeLine(rest, 0, rest.length);
    if (this.#line < 2) this.#header(undefined, this.#line === 0 ? 'start timestamp' : 'sample rate');
    const blocks = [...this.#blocks, this.#block.subarray(0, this.#filled)];
    const values = new Float64Array(blocks.reduce((total, block) => total + block.length, 0));
    let offset = 0;
    for (const block of blocks) {
      values.set(block, offset);
      offset += block.length;
    }
    this.#blocks.length = 0;
    this.#block = new Float64Array(0);
    return { startUnix: this.#startUnix, rateHz: this.#rateHz, columns: this.expected.columns, values };
  }

  #keepPartial(bytes: Uint8Array): void {
    if (bytes.length > MAX_CSV_LINE_CHARS) this.#tooLong();
    this.#partial = bytes;
  }

  /** The line in bytes[start, end), without its newline. */
  #takeLine(bytes: Uint8Array, start: number, end: number): void {
    if (end - start > MAX_CSV_LINE_CHARS) this.#tooLong();
    const stop = end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
    this.#line += 1;
    if (this.#line <= 2) {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, stop - start).toString('utf8');
      if (this.#line === 1) this.#startUnix = this.#header(text, 'start timestamp');
      else this.#rateHz = this.#header(text, 'sample rate');
      return;
    }
    if (isBlank(bytes, start, stop)) {
      // Blank lines may only end the file; one in the middle is reported where it was.
      this.#blankSince ??= this.#line;
      this.#countRow();
      return;
    }
    if (this.#blankSince !== undefined) this.#cellsOfText('', this.#blankSince);
    this.#countRow();
    this.#cells(bytes, start, stop);
  }

  #countRow(): void {
    this.#rows += 1;
    const { maxRows, maxRowsLimit } = this.expected;
    if (maxRows !== undefined && this.#rows > maxRows) {
      throw new WesadLimitError(
        'RECORDING_TOO_LONG',
        `${this.fileName} holds more than ${maxRows} samples, longer than the longest recording accepted` +
          (maxRowsLimit === undefined ? '.' : ` (${maxRowsLimit.setting} = ${maxRowsLimit.value}).`),
        maxRowsLimit ?? { setting: 'maxRows', value: maxRows },
      );
    }
  }

  /** A sample row straight from its bytes; anything the fast path does not take is judged as text. */
  #cells(bytes: Uint8Array, start: number, end: number): void {
    const columns = this.expected.columns;
    let from = start;
    for (let column = 0; column < columns; column += 1) {
      const comma = commaIn(bytes, from, end);
      const last = column === columns - 1;
      const to = last || comma < 0 ? end : comma;
      if ((last && comma >= 0) || (!last && to === end)) {
        this.#cellsOfText(
          Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8'),
          this.#line,
        );
        return;
      }
      const value = decimalOf(bytes, from, to);
      if (value === undefined) {
        this.#cellsOfText(
          Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8'),
          this.#line,
        );
        return;
      }
      this.#row[column] = value;
      from = to + 1;
    }
    for (let column = 0; column < columns; column += 1) this.#push(this.#row[column] ?? NaN);
  }

  /** The slow path: the row as text, parsed (or refused) cell by cell as the E4 format allows. */
  #cellsOfText(line: string, lineNumber: number): void {
    const columns = this.expected.columns;
    const cells = columns === 1 ? [line] : line.split(',');
    if (cells.length !== columns) {
      throw new WesadInputError(
        'CSV_NON_NUMERIC',
        `${this.fileName} line ${lineNumber}: expected ${columns} value(s), found ${cells.length}.`,
      );
    }
    const values = cells.map((cell) => {
      const value = parseNumber(cell);
      if (value === undefined) {
        throw new WesadInputError(
          'CSV_NON_NUMERIC',
          `${this.fileName} line ${lineNumber}: '${cell.trim().slice(0, 30)}' is not a number.`,
        );
      }
      if (!Number.isFinite(value)) {
        throw new WesadInputError(
          'NON_FINITE_SAMPLE',
          `${this.fileName} line ${lineNumber}: non-finite sample ${cell.trim()}.`,
        );
      }
      return value;
    });
    for (const value of values) this.#push(value);
  }

  #push(value: number): void {
    if (this.#filled === this.#block.length) {
      if (this.#filled > 0) this.#blocks.push(this.#block);
      this.#block = new Float64Array(BLOCK_VALUES);
      this.#filled = 0;
    }
    this.#block[this.#filled] = value;
    this.#filled += 1;
  }

  /** Row 1 or 2: the same number in every column, checked for plausibility at once. */
  #header(line: string | undefined, what: 'start timestamp' | 'sample rate'): number {
    const columns = this.expected.columns;
    const cells = (line ?? '').split(',');
    const values = cells.map(parseNumber);
    if (line === undefined || cells.length !== columns || values.some((value) => value === undefined)) {
      throw new WesadInputError(
        'CSV_MISSING_HEADER',
        `${this.fileName}: the ${what} row is missing or malformed (expected ${columns} number(s)).`,
      );
    }
    const first = values[0] ?? NaN;
    const same = values.every((value) => value === first);
    if (what === 'start timestamp' && !(first >= EARLIEST_START_UNIX && same)) {
      throw new WesadInputError(
        'CSV_MISSING_HEADER',
        `${this.fileName}: row 1 must hold the session start as a Unix timestamp in each of ${columns} column(s).`,
      );
    }
    if (what === 'sample rate') {
      if (!(first > 0 && first <= 10_000 && same)) {
        throw new WesadInputError('CSV_MISSING_HEADER', `${this.fileName}: row 2 must hold the sample rate in Hz.`);
      }
      if (this.expected.rateHz !== undefined && first !== this.expected.rateHz) {
        throw new WesadInputError(
          'INCONSISTENT_SIGNALS',
          `${this.fileName} is sampled at ${first} Hz; the E4 writes ${this.expected.rateHz} Hz.`,
        );
      }
    }
    return first;
  }

  #tooLong(): never {
    throw new WesadInputError(
      'CSV_NON_NUMERIC',
      `${this.fileName} line ${this.#line + 1} is longer than ${MAX_CSV_LINE_CHARS} characters; E4 rows are short.`,
    );
  }
}

/** A whole signal file already in memory (tests, small inputs): the same rules as the streaming reader. */
export function parseE4SignalCsv(text: string, fileName: string, columns: number): E4Signal {
  const reader = new E4SignalCsvReader(fileName, { columns });
  reader.write(Buffer.from(text, 'utf8'));
  return reader.finish();
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const COMMA = 0x2c;

/** Exactly representable powers of ten: m / 10^k is then the correctly rounded value, as Number() gives. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** The first comma in bytes[from, end), or -1: searched within the line only, never the rest of the chunk. */
function commaIn(bytes: Uint8Array, from: number, end: number): number {
  for (let i = from; i < end; i += 1) if (bytes[i] === COMMA) return i;
  return -1;
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const byte = bytes[i] ?? 0;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0b && byte !== 0x0c && byte !== CARRIAGE_RETURN) return false;
  }
  return true;
}

/**
 * A plain decimal (`-12.34`, `0.000000`, `29`) read straight from bytes: the E4's rows, millions of
 * them. With at most 15 digits and 22 decimals, mantissa / 10^decimals is exact to round and equals
 * Number(text); anything else (exponents, inf, nan, odd characters) is left to the text path.
 */
function decimalOf(bytes: Uint8Array, from: number, to: number): number | undefined {
  let start = from;
  let end = to;
  while (start < end && (bytes[start] === 0x20 || bytes[start] === 0x09)) start += 1;
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end -= 1;
  let i = start;
  const sign = bytes[i];
  const negative = sign === 0x2d;
  if (negative || sign === 0x2b) i += 1;
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  for (let byte = bytes[i] ?? 0; byte >= 0x30 && byte <= 0x39 && i < end; byte = bytes[i] ?? 0) {
    mantissa = mantissa * 10 + (byte - 0x30);
    digits += 1;
    i += 1;
  }
  if (i < end && bytes[i] === 0x2e) {
    i += 1;
    for (let byte = bytes[i] ?? 0; byte >= 0x30 && byte <= 0x39 && i < end; byte = bytes[i] ?? 0) {
      mantissa = mantissa * 10 + (byte - 0x30);
      digits += 1;
      decimals += 1;
      i += 1;
    }
  }
  if (i !== end || digits === 0 || digits > 15) return undefined;
  const value = decimals === 0 ? mantissa : mantissa / (POWERS_OF_TEN[decimals] ?? NaN);
  return negative ? -value : value;
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
