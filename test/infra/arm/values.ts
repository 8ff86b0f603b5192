/**
 * Values of an evaluated ARM template. What only Azure knows at deployment time (a created resource's
 * properties, a module's runtime outputs, listKeys) stays an `Unknown` that carries the expression computing
 * it, with resource references written as resource ids, so checks can still say which resource it reads.
 */

export class Unknown {
  constructor(readonly expression: string) {}

  toString(): string {
    return `⟨${this.expression}⟩`;
  }
}

// Interfaces rather than an inline recursive alias: type-aware lint rules walk them without recursing forever.
export type Value = null | boolean | number | string | Unknown | ValueArray | ValueObject;
export type ValueArray = Value[];
export interface ValueObject {
  [key: string]: Value;
}

export function isValueObject(value: unknown): value is ValueObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Unknown);
}

/** True when the value, or anything inside it, is only known at deployment time. */
export function containsUnknown(value: Value): boolean {
  if (value instanceof Unknown) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isValueObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** ARM text of a value, as an argument of a function call in an Unknown's expression. */
export function describe(value: Value): string {
  if (value instanceof Unknown) return value.expression;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return JSON.stringify(value, (_key, item: unknown) => (item instanceof Unknown ? item.toString() : item));
}

/** ARM compares property names case-insensitively; an exact match wins. */
export function property(object: ValueObject, name: string): Value | undefined {
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

/** A property path like 'properties.siteConfig.ftpsState' read from an evaluated value (undefined if absent). */
export function at(value: Value | undefined, path: string): Value | undefined {
  let current: Value | undefined = value;
  for (const key of path.split('.')) {
    if (current instanceof Unknown) return new Unknown(`${current.expression}.${key}`);
    if (!isValueObject(current)) return undefined;
    current = property(current, key);
  }
  return current;
}

export function deepEqual(a: Value, b: Value): boolean {
  if (a instanceof Unknown || b instanceof Unknown) {
    return a instanceof Unknown && b instanceof Unknown && a.expression === b.expression;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i] ?? null))
    );
  }
  if (isValueObject(a) || isValueObject(b)) {
    if (!isValueObject(a) || !isValueObject(b)) return false;
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k] ?? null, b[k] ?? null))
    );
  }
  // Case-sensitive like ARM's equals() (Bicep compiles its case-insensitive =~ to toLower on both sides).
  return a === b;
}

/** A value as text: a string as it is, anything else as ARM would show it. */
export function text(value: Value | undefined): string {
  if (typeof value === 'string') return value;
  return value === undefined ? '' : describe(value);
}
