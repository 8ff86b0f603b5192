import { runStatuses } from './runRecords.js';
import type { Comparison, RunCondition, RunOrder } from './runQuery.js';

/**
 * The run search language of `GET /api/runs`, parsed by hand into conditions so that nothing a
 * client writes reaches the table query as text: each field is checked, each value typed, and
 * the OData is built from the parsed form (runQuery.ts).
 *
 *   filter     := condition ( "and" condition )*
 *   condition  := field operator value
 *   field      := "experiment" | "status" | "createdAt"
 *               | ( "params" | "metrics" ) "." name
 *   name       := [A-Za-z][A-Za-z0-9_]{0,63}, not a member of Object.prototype
 *   operator   := "=" | "!=" | ">" | ">=" | "<" | "<="
 *   value      := number | "'" ( any printable character but "'" | "''" )* "'" | word
 *   number     := "-"? digits ( "." digits )? ( ("e" | "E") ("+" | "-")? digits )?
 *   word       := [A-Za-z0-9] [A-Za-z0-9_.:+-]*     (true and false are booleans, others strings)
 *   orderBy    := "createdAt" | ( "params" | "metrics" ) "." name
 *
 * Spaces and tabs may surround fields, operators, values and "and". Metrics take numbers only;
 * status one of the run statuses; createdAt an ISO 8601 UTC time (quoted or as a word).
 */

export const maxFilterLength = 200;
export const maxConditions = 20;
/** Numbers are rendered in plain decimal for the table service; beyond this they would be unwieldy. */
export const maxNumberMagnitude = 1e15;
export const minNumberMagnitude = 1e-15;

/** The input is not a sentence of the grammar; `position` is the 0-based offset of the problem. */
export class FilterSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`Expected ${expected} at position ${position}, found ${found}.`);
    this.name = 'FilterSyntaxError';
  }
}

const namePattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const numberPattern = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const wordPattern = /^[A-Za-z0-9][A-Za-z0-9_.:+-]*$/;
const isoInstantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
/** Names that every object has: reading run.params[name] would find the prototype's member. */
const reservedNames: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
const operators: readonly Comparison[] = ['>=', '<=', '!=', '>', '<', '='];
const topLevelFields = ['experiment', 'status', 'createdAt'] as const;

type Field = Pick<RunCondition, 'field' | 'name'>;

/** A cursor over the text; every failure names where it happened and what would have been valid. */
class Scanner {
  position = 0;
  constructor(readonly text: string) {}

  get atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipSpaces(): void {
    while (this.text[this.position] === ' ' || this.text[this.position] === '\t') this.position++;
  }

  /** Consumes the longest run of characters accepted by `accept`. */
  take(accept: (char: string) => boolean): string {
    const start = this.position;
    while (!this.atEnd && accept(this.text.charAt(this.position))) this.position++;
    return this.text.slice(start, this.position);
  }

  startsWith(literal: string): boolean {
    return this.text.startsWith(literal, this.position);
  }

  fail(expected: string, at = this.position): never {
    throw new FilterSyntaxError(at, expected, describeFound(this.text, at));
  }
}

function describeFound(text: string, at: number): string {
  if (at >= text.length) return 'the end of the text';
  return JSON.stringify(text.slice(at, at + 12));
}

const isWordChar = (char: string): boolean => /^[A-Za-z0-9_.:+-]$/.test(char);
const isNameChar = (char: string): boolean => /^[A-Za-z0-9_]$/.test(char);

/** Parses one `filter` parameter into its conditions (joined by "and"). */
export function parseRunFilter(text: string): RunCondition[] {
  if (text.length > maxFilterLength) {
    throw new FilterSyntaxError(maxFilterLength, `at most ${maxFilterLength} characters`, 'more');
  }
  const scanner = new Scanner(text);
  const conditions: RunCondition[] = [];
  for (;;) {
    scanner.skipSpaces();
    conditions.push(parseCondition(scanner));
    if (conditions.length > maxConditions) scanner.fail(`at most ${maxConditions} conditions`);
    scanner.skipSpaces();
    if (scanner.atEnd) return conditions;
    const keywordAt = scanner.position;
    const keyword = scanner.take(isNameChar);
    if (keyword !== 'and') scanner.fail('"and" or the end of the filter', keywordAt);
    if (scanner.text[scanner.position] !== ' ' && scanner.text[scanner.position] !== '\t') {
      scanner.fail('a space after "and"');
    }
  }
}

/** Parses an `orderBy` parameter: createdAt, params.<name> or metrics.<name>. */
export function parseRunOrderField(text: string): Pick<RunOrder, 'field' | 'name'> {
  const scanner = new Scanner(text);
  const field = parseField(scanner);
  if (!scanner.atEnd) scanner.fail('the end of the field name');
  if (field.field === 'createdAt' || field.field === 'params' || field.field === 'metrics') {
    return { field: field.field, name: field.name };
  }
  return scanner.fail('createdAt, params.<name> or metrics.<name>', 0);
}

function parseCondition(scanner: Scanner): RunCondition {
  const field = parseField(scanner);
  scanner.skipSpaces();
  const comparison = operators.find((operator) => scanner.startsWith(operator));
  if (comparison === undefined) return scanner.fail('a comparison (=, !=, >, >=, <, <=)');
  scanner.position += comparison.length;
  scanner.skipSpaces();
  const valueAt = scanner.position;
  const value = parseValue(scanner);
  return { ...field, comparison, value: checkedValue(scanner, field, value, valueAt) };
}

function parseField(scanner: Scanner): Field {
  const start = scanner.position;
  const head = scanner.take(isNameChar);
  const topLevel = topLevelFields.find((name) => name === head);
  if (topLevel !== undefined) return { field: topLevel, name: topLevel };
  if (head !== 'params' && head !== 'metrics') {
    return scanner.fail('a field: experiment, status, createdAt, params.<name> or metrics.<name>', start);
  }
  if (scanner.text[scanner.position] !== '.') return scanner.fail(`"." after ${head}`);
  scanner.position++;
  const nameAt = scanner.position;
  const name = scanner.take(isNameChar);
  if (!namePattern.test(name)) {
    return scanner.fail('a name of a letter then up to 63 letters, digits or underscores', nameAt);
  }
  if (reservedNames.has(name)) return scanner.fail('a name that is not reserved', nameAt);
  return { field: head, name };
}

function parseValue(scanner: Scanner): number | string | boolean {
  if (scanner.text[scanner.position] === "'") return parseQuoted(scanner);
  const start = scanner.position;
  const word = scanner.take(isWordChar);
  if (word === '') return scanner.fail('a value');
  if (numberPattern.test(word)) {
    const value = Number(word);
    const magnitude = Math.abs(value);
    const writtenAsZero = !/[1-9]/.test(word.split(/[eE]/)[0] ?? '');
    if (!writtenAsZero && (magnitude > maxNumberMagnitude || magnitude < minNumberMagnitude)) {
      return scanner.fail(`a number of magnitude between ${minNumberMagnitude} and ${maxNumberMagnitude}`, start);
    }
    return value === 0 ? 0 : value;
  }
  if (!wordPattern.test(word)) return scanner.fail('a number, a quoted string or a word', start);
  if (word === 'true' || word === 'false') return word === 'true';
  return word;
}

/** A single-quoted string; a quote inside is written twice, as in OData. */
function parseQuoted(scanner: Scanner): string {
  const start = scanner.position;
  scanner.position++;
  let value = '';
  for (;;) {
    if (scanner.atEnd) return scanner.fail('a closing quote');
    const char = scanner.text.charAt(scanner.position);
    if (char === "'") {
      if (scanner.text[scanner.position + 1] === "'") {
        value += "'";
        scanner.position += 2;
        continue;
      }
      scanner.position++;
      if (hasLoneSurrogate(value)) return scanner.fail('a string of whole Unicode characters', start);
      return value;
    }
    if (isControl(char)) return scanner.fail('a printable character');
    value += char;
    scanner.position++;
  }
}

/** A UTF-16 half without its other half cannot be encoded into the request URL. */
function hasLoneSurrogate(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      index++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return true;
    }
  }
  return false;
}

function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Types each value by its field: metrics are numbers, status a run status, createdAt an instant. */
function checkedValue(
  scanner: Scanner,
  field: Field,
  value: number | string | boolean,
  at: number,
): number | string | boolean {
  switch (field.field) {
    case 'metrics':
      return typeof value === 'number' ? value : scanner.fail('a number (metrics are numbers)', at);
    case 'status':
      return typeof value === 'string' && (runStatuses as readonly string[]).includes(value)
        ? value
        : scanner.fail(`a run status (${runStatuses.join(', ')})`, at);
    case 'createdAt':
      // Stored as toISOString() text and compared as text, so the value takes the same form.
      return typeof value === 'string' && isoInstantPattern.test(value) && !Number.isNaN(Date.parse(value))
        ? new Date(value).toISOString()
        : scanner.fail('a UTC time such as 2026-01-31T00:00:00Z', at);
    case 'experiment':
      return typeof value === 'string' ? value : scanner.fail('an experiment name', at);
    case 'params':
      return value;
  }
}
