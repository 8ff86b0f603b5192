import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runQueryOf } from '../../../src/api/runListRequest.js';
import { HttpProblem } from '../../../src/platform/http/httpProblem.js';
import { odataFilterOf, type RunCondition, type RunQuery } from '../../../src/domain/runs/runQuery.js';

/**
 * Fuzzing the run search language: whatever a client sends as `filter` and `orderBy`, the
 * result is either a query whose table filter holds nothing of the request outside a typed
 * literal, or a 400 problem naming a position. A fixed seed keeps the runs reproducible; on a
 * failure fast-check prints the seed, the path and the shrunk counterexample.
 */
const settings = { seed: 0x5eed17, numRuns: 1500 } as const;

const odataOperator: Record<RunCondition['comparison'], string> = {
  '=': 'eq',
  '!=': 'ne',
  '>': 'gt',
  '>=': 'ge',
  '<': 'lt',
  '<=': 'le',
};

/**
 * An independent reader of the filters the store sends: `column op literal` joined by " and ",
 * with columns of a fixed shape and literals of three forms only. Any request text that escaped
 * its quotes would break this shape or change the values read back.
 */
const conditionPattern =
  /(m_[A-Za-z][A-Za-z0-9_]{0,63}|p_[A-Za-z][A-Za-z0-9_]{0,63}|experiment|status|createdAt) (eq|ne|gt|ge|lt|le) ('(?:[^']|'')*'|-?[0-9]+(?:\.[0-9]+)?|true|false)/y;

function readFilter(filter: string): { column: string; operator: string; value: unknown }[] {
  const read: { column: string; operator: string; value: unknown }[] = [];
  let position = 0;
  for (;;) {
    conditionPattern.lastIndex = position;
    const match = conditionPattern.exec(filter);
    if (match === null) throw new Error(`unreadable filter at ${position}: ${filter}`);
    const [whole, column = '', operator = '', literal = ''] = match;
    const value = literal.startsWith("'")
      ? literal.slice(1, -1).replaceAll("''", "'")
      : literal === 'true' || literal === 'false'
        ? literal === 'true'
        : Number(literal);
    read.push({ column, operator, value });
    position += whole.length;
    if (position === filter.length) return read;
    if (!filter.startsWith(' and ', position)) throw new Error(`expected " and " at ${position}: ${filter}`);
    position += 5;
  }
}

function expectedColumn(condition: RunCondition): string {
  if (condition.field === 'metrics') return `m_${condition.name}`;
  if (condition.field === 'params') return `p_${condition.name}`;
  return condition.field;
}

/** The property: a typed query whose filter reads back to exactly its conditions, or a 400. */
function checkRequest(filters: string[], orderBy: string | undefined): void {
  let query: RunQuery;
  try {
    query = runQueryOf({ orderBy, order: 'asc' }, filters);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(HttpProblem);
    const problem = error as HttpProblem;
    expect(problem.kind).toBe('bad-request');
    const position = problem.extensions.position;
    if (position !== undefined) {
      expect(typeof position).toBe('number');
      expect(typeof problem.extensions.expected).toBe('string');
    }
    return;
  }
  const filter = odataFilterOf(query, undefined);
  if (query.conditions.length === 0) {
    expect(filter).toBeUndefined();
  } else {
    // The SDK puts the filter into the request URL with encodeURIComponent, which throws on a lone surrogate.
    expect(() => encodeURIComponent(filter ?? '')).not.toThrow();
    expect(readFilter(filter ?? '')).toEqual(
      query.conditions.map((condition) => ({
        column: expectedColumn(condition),
        operator: odataOperator[condition.comparison],
        value: condition.value,
      })),
    );
  }
  for (const condition of query.conditions) {
    if (condition.field === 'metrics') expect(typeof condition.value).toBe('number');
    if (typeof condition.value === 'number') expect(Number.isFinite(condition.value)).toBe(true);
  }
  if (query.order !== undefined && query.order.field !== 'createdAt') {
    expect(query.order.name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
    expect(Object.hasOwn(Object.prototype, query.order.name)).toBe(false);
  }
}

/** Any UTF-16, lone surrogates and control characters included. */
const rawText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 220 }),
  fc.string({ unit: 'binary-ascii', maxLength: 220 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 }).map((codes) => String.fromCharCode(...codes)),
);

/**
 * Grammar-shaped text: each part is mostly valid (weight 24) and sometimes not (weight 1), so a
 * good share of filters parse and reach the OData builder with awkward values.
 */
function mostly<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: valid, weight: 24 }, { arbitrary: invalid, weight: 1 });
}

const name = mostly(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/),
  fc.oneof(
    fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', ''),
    fc.string({ unit: 'binary', maxLength: 6 }),
  ),
);
const operator = mostly(
  fc.constantFrom('=', '!=', '>', '>=', '<', '<='),
  fc.constantFrom('==', '=>', '<>', ' eq ', '', ' or '),
);
/** Characters that matter to quoting, OData and URLs, often; any code point, or a broken one, now and then. */
const sharpChar = fc.oneof(
  { arbitrary: fc.constantFrom("'", "''", ' ', 'o', 'r', '=', '1', '(', ')', '\\', '"', '%', 'é', '😀'), weight: 20 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 4 },
  { arbitrary: fc.constantFrom('\u0000', '\ud800', '\udc00', '\u0085'), weight: 1 },
);
const quoted = fc
  .string({ unit: sharpChar, maxLength: 12 })
  .chain((body) =>
    mostly(fc.constant(`'${body.replaceAll("'", "''")}'`), fc.constantFrom(`'${body}'`, `'${body}`, `"${body}"`, body)),
  );
const numberText = mostly(
  fc.oneof(
    fc.integer().map(String),
    fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.nat(999_999)).map(([whole, part]) => `${whole}.${part}`),
    fc.double({ min: 1e-9, max: 1e12, noNaN: true }).map(String),
  ),
  fc.oneof(fc.double().map(String), fc.constantFrom('1e400', '1e-400', '-0', '0x10', '1.', '.5', '--1')),
);
const wordText = fc.constantFrom('relu', 'true', 'false', 'null', 'running', 'a-b.c:d+e', '2026-01-31T00:00:00Z');
/** Field and value of one kind, mostly matching (metrics take numbers, status a status, …). */
const fieldAndValue = mostly(
  fc.oneof(
    fc.tuple(
      name.map((tail) => `params.${tail}`),
      fc.oneof(numberText, wordText, quoted),
    ),
    fc.tuple(
      name.map((tail) => `metrics.${tail}`),
      numberText,
    ),
    fc.tuple(
      fc.constant('status'),
      mostly(fc.constantFrom('queued', 'running', "'failed'", 'cancelled'), fc.constantFrom('done', "'x'", '1')),
    ),
    fc.tuple(
      fc.constant('createdAt'),
      mostly(
        fc.constantFrom('2026-01-31T00:00:00Z', "'2026-01-31T00:00:00.123Z'"),
        fc.constantFrom('2026-02-30T25:00:00Z', '2026', "'9999-99-99T99:99:99Z'"),
      ),
    ),
    fc.tuple(fc.constant('experiment'), fc.oneof(quoted, wordText)),
  ),
  fc.tuple(
    fc.constantFrom('param.x', 'Params.x', 'PartitionKey', 'runJson', 'p_activation', '', 'metrics.a'),
    fc.oneof(quoted, wordText, numberText),
  ),
);
const space = mostly(fc.constantFrom('', ' '), fc.constantFrom('  ', '\t', '\n', '\u00a0'));
const condition = fc
  .tuple(space, fieldAndValue, space, operator, space)
  .map(([before, [field, value], left, op, right]) => `${before}${field}${left}${op}${right}${value}`);
const joiner = mostly(fc.constant(' and '), fc.constantFrom(' or ', 'and', ' AND ', ' ', ';', ') or ('));
const shapedFilter = fc
  .tuple(condition, fc.array(fc.tuple(joiner, condition), { maxLength: 4 }))
  .map(([first, rest]) => first + rest.map(([join, next]) => join + next).join(''));
/** A grammar-shaped filter with one character inserted, deleted or replaced somewhere. */
const mutatedFilter = fc
  .tuple(shapedFilter, fc.nat(), fc.string({ unit: 'binary', maxLength: 1 }), fc.boolean())
  .map(([text, at, char, remove]) => {
    const index = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, index) + char + text.slice(index + (remove ? 1 : 0));
  });
const orderBy = fc.option(
  fc.oneof(
    name.map((tail) => `params.${tail}`),
    fc.constantFrom('createdAt', 'status', 'metrics.'),
    rawText,
  ),
  { nil: undefined },
);

describe('run search under fuzzing', () => {
  it('turns arbitrary text into a checked query or a 400, never anything else', () => {
    fc.assert(
      fc.property(fc.array(rawText, { maxLength: 3 }), orderBy, (filters, order) => {
        checkRequest(filters, order);
      }),
      settings,
    );
  });

  it('turns grammar-shaped text, whole or damaged, into a checked query or a 400', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ arbitrary: shapedFilter, weight: 3 }, { arbitrary: mutatedFilter, weight: 1 }), {
          minLength: 1,
          maxLength: 2,
        }),
        orderBy,
        (filters, order) => {
          checkRequest(filters, order);
        },
      ),
      settings,
    );
  });

  it('parses the well-formed sentences it builds', () => {
    const goodName = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).filter((text) => !(text in Object.prototype));
    const goodCondition = fc.oneof(
      fc
        .tuple(
          goodName,
          fc.constantFrom('=', '!=', '>', '>=', '<', '<='),
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => n === 0 || Math.abs(n) >= 1e-15),
        )
        .map(([metric, op, number]) => `metrics.${metric} ${op} ${String(number)}`),
      fc
        .tuple(goodName, fc.string({ unit: 'grapheme', maxLength: 10 }))
        .map(([param, text]) => `params.${param}='${text.replaceAll("'", "''")}'`),
    );
    fc.assert(
      fc.property(fc.array(goodCondition, { minLength: 1, maxLength: 4 }), (conditions) => {
        const text = conditions.join(' and ');
        fc.pre(text.length <= 200);
        const query = runQueryOf({ order: 'desc' }, [text]);
        expect(query.conditions).toHaveLength(conditions.length);
        checkRequest([text], undefined);
      }),
      settings,
    );
  });
});
