/**
 * What a report table shows of a value: nothing for an empty one (null, undefined, '', [] and {},
 * also once their own empty parts are dropped), so a table never shows `input_shapes {}`;
 * otherwise a compact text without JSON quoting.
 */
export function presentValue(value: unknown): string | undefined {
  const pruned = pruneEmpty(value);
  return pruned === undefined ? undefined : formatted(pruned);
}

/** `rows` without those whose value is empty; the rest with their values shown as text. */
export function presentRows(rows: readonly (readonly [string, unknown])[]): [string, string][] {
  return rows.flatMap(([name, value]) => {
    const shown = presentValue(value);
    return shown === undefined ? [] : [[name, shown]];
  });
}

function pruneEmpty(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).flatMap(([key, item]) => {
      const kept = pruneEmpty(item);
      return kept === undefined ? [] : [[key, kept] as const];
    });
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** Lists and objects inside others are bracketed, so `a: (b: 1, c: 2), d: 3` stays readable. */
function formatted(value: unknown, nested = false): string {
  const wrap = (text: string): string => (nested ? `(${text})` : text);
  if (Array.isArray(value)) return wrap(value.map((item) => formatted(item, true)).join(', '));
  if (typeof value === 'object' && value !== null)
    return wrap(
      Object.entries(value)
        .map(([key, item]) => `${key}: ${formatted(item, true)}`)
        .join(', '),
    );
  return typeof value === 'string' ? value : JSON.stringify(value);
}
