import type { ColumnTest } from './runQuery.js';

/** A run's stored columns (status, createdAt, p_…, m_…) as the table returned them. */
export type RunColumns = ReadonlyMap<string, unknown>;

/**
 * Whether a row's columns pass every test, compared as the table service compares them so that
 * the search projection returns exactly what the OData filter returns. Observed on Azurite and
 * kept in test/integration/tracking/runSearchProjection.test.ts, which runs each case both ways:
 * a row without the column never matches, not even `ne`; `eq` and `ne` compare value and type
 * (5 is not '5'); the orderings compare as JavaScript's relational operators do (numbers by
 * value, strings by UTF-16 code units, false before true, a numeric string against a number
 * by value).
 */
export function matchesColumns(columns: RunColumns, tests: readonly ColumnTest[]): boolean {
  for (const test of tests) {
    if (!columns.has(test.column)) return false;
    if (!compares(columns.get(test.column), test)) return false;
  }
  return true;
}

function compares(stored: unknown, test: ColumnTest): boolean {
  if (typeof stored !== 'number' && typeof stored !== 'string' && typeof stored !== 'boolean') return false;
  const value = test.value;
  switch (test.comparison) {
    case '=':
      return stored === value;
    case '!=':
      return stored !== value;
    case '>':
      return stored > value;
    case '>=':
      return stored >= value;
    case '<':
      return stored < value;
    case '<=':
      return stored <= value;
  }
}
