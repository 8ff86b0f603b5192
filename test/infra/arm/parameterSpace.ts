/**
 * The parameter combinations a template is checked under. Every parameter with a finite set of values (bool,
 * allowed values, nullable, arrays empty or not, bounded ints at their default and bound) is a dimension.
 * Dimensions that change what is deployed or are computed on ("control" parameters: used in a condition, a
 * copy count, or inside any function) are combined exhaustively; dimensions that only pass their value through
 * to a property take each of their values in turn across those combinations.
 */
import { isExpression, parseExpression, type Expr } from './expression.js';
import type { JsonObject } from './deployment.js';
import { describe, text, type Value } from './values.js';

export interface Combination {
  readonly label: string;
  /** Root parameter values; a parameter not listed takes its default. */
  readonly values: Readonly<Record<string, Value>>;
}

/** Non-default values to try, per parameter; required for nullable and array parameters. */
export type ParameterSamples = Readonly<Record<string, readonly Value[]>>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Sink =
  | { readonly kind: 'value' }
  | { readonly kind: 'control' }
  | { readonly kind: 'module'; readonly template: JsonObject; readonly parameter: string }
  | { readonly kind: 'variable'; readonly name: string };

interface Use {
  readonly kind: 'parameters' | 'variables';
  readonly name: string;
  /** The whole expression is the reference, possibly followed by property or index lookups. */
  readonly whole: boolean;
  readonly sink: Sink;
}

function referencesIn(expr: Expr, whole: boolean, sink: Sink, out: Use[]): void {
  switch (expr.kind) {
    case 'call': {
      const [first] = expr.args;
      if ((expr.name === 'parameters' || expr.name === 'variables') && first?.kind === 'string') {
        out.push({ kind: expr.name, name: first.value, whole, sink });
      }
      for (const arg of expr.args) referencesIn(arg, false, sink, out);
      return;
    }
    case 'member':
      referencesIn(expr.target, whole, sink, out);
      return;
    case 'index':
      referencesIn(expr.target, whole && (expr.index.kind === 'string' || expr.index.kind === 'number'), sink, out);
      referencesIn(expr.index, false, sink, out);
      return;
    default:
      return;
  }
}

/** Every parameters()/variables() reference in a JSON value, with where its result goes. */
function collect(json: unknown, sink: Sink, out: Use[], path: readonly string[] = []): void {
  if (typeof json === 'string') {
    if (isExpression(json))
      referencesIn(parseExpression(json), true, path.at(-1) === 'count' ? { kind: 'control' } : sink, out);
    return;
  }
  if (Array.isArray(json)) {
    for (const item of json) collect(item, sink, out, path);
    return;
  }
  if (!isJsonObject(json)) return;
  for (const [key, value] of Object.entries(json)) {
    if (isExpression(key)) referencesIn(parseExpression(key), false, sink, out);
    collect(value, sink, out, [...path, key]);
  }
}

function templateUses(template: JsonObject): Use[] {
  const uses: Use[] = [];
  const parameters = isJsonObject(template.parameters) ? template.parameters : {};
  for (const definition of Object.values(parameters)) {
    if (isJsonObject(definition)) collect(definition.defaultValue, { kind: 'control' }, uses);
  }
  const variables = isJsonObject(template.variables) ? template.variables : {};
  for (const [name, value] of Object.entries(variables)) {
    if (name === 'copy' && Array.isArray(value)) {
      for (const loop of value.filter(isJsonObject)) {
        collect(loop.count, { kind: 'control' }, uses);
        collect(loop.input, { kind: 'variable', name: text(loop.name) }, uses);
      }
    } else {
      collect(value, { kind: 'variable', name }, uses);
    }
  }
  const resources = template.resources;
  const list = Array.isArray(resources) ? resources : Object.values(isJsonObject(resources) ? resources : {});
  for (const resource of list.filter(isJsonObject)) {
    const { condition, copy, properties, ...rest } = resource;
    collect(condition, { kind: 'control' }, uses);
    collect(copy, { kind: 'control' }, uses);
    collect(rest, { kind: 'value' }, uses);
    const nested = isJsonObject(properties) ? properties.template : undefined;
    if (resource.type === 'Microsoft.Resources/deployments' && isJsonObject(properties) && isJsonObject(nested)) {
      const given = isJsonObject(properties.parameters) ? properties.parameters : {};
      for (const [parameter, entry] of Object.entries(given)) {
        // { value: expr } passes expr through; an expression producing the whole entry computes on its inputs.
        const sink: Sink = { kind: 'module', template: nested, parameter };
        if (isJsonObject(entry)) collect(entry.value, sink, uses);
        else collect(entry, { kind: 'control' }, uses);
      }
    } else {
      collect(properties, { kind: 'value' }, uses);
    }
  }
  collect(template.outputs, { kind: 'value' }, uses);
  return uses;
}

const usesCache = new WeakMap<JsonObject, Use[]>();

function isControl(template: JsonObject, kind: Use['kind'], name: string, seen: Set<string>): boolean {
  const key = `${kind}:${name}`;
  if (seen.has(key)) return false;
  seen.add(key);
  let uses = usesCache.get(template);
  if (uses === undefined) {
    uses = templateUses(template);
    usesCache.set(template, uses);
  }
  return uses
    .filter((u) => u.kind === kind && u.name === name)
    .some((u) => {
      if (!u.whole || u.sink.kind === 'control') return true;
      if (u.sink.kind === 'module') return isControl(u.sink.template, 'parameters', u.sink.parameter, new Set());
      if (u.sink.kind === 'variable') return isControl(template, 'variables', u.sink.name, seen);
      return false;
    });
}

/** Root parameters whose value decides what is deployed or is computed on (see the file comment). */
export function controlParameters(template: JsonObject): Set<string> {
  const names = isJsonObject(template.parameters) ? Object.keys(template.parameters) : [];
  return new Set(names.filter((name) => isControl(template, 'parameters', name, new Set())));
}

const useDefault = Symbol('default');
type Choice = Value | typeof useDefault;

/** The values a parameter is checked with; one value means it is not a dimension. */
export function domain(name: string, definition: JsonObject, samples: ParameterSamples): Choice[] {
  const extra = samples[name] ?? [];
  const nullable = definition.nullable === true;
  const allowed = definition.allowedValues;
  if (Array.isArray(allowed)) return [...allowed, ...(nullable ? [null] : [])];
  if (definition.type === 'bool') return [true, false];
  if (nullable || definition.type === 'array') {
    if (extra.length === 0)
      throw new Error(`parameter ${name} (nullable or array) needs a sample in the parameter samples`);
    return [nullable ? null : useDefault, ...extra];
  }
  if (definition.type === 'int') {
    const bound = [definition.minValue, definition.maxValue].find(
      (b) => typeof b === 'number' && b !== definition.defaultValue,
    );
    return [useDefault, ...(typeof bound === 'number' ? [bound] : []), ...extra];
  }
  return [useDefault, ...extra];
}

function label(values: Record<string, Value>): string {
  const parts = Object.entries(values).map(([name, value]) => `${name}=${describe(value)}`);
  return parts.length === 0 ? 'defaults' : parts.join(', ');
}

/** Every combination: the product of the control dimensions, the other dimensions cycled through it. */
export function combinations(template: JsonObject, samples: ParameterSamples): Combination[] {
  const parameters = isJsonObject(template.parameters) ? template.parameters : {};
  const control = controlParameters(template);
  const dimensions = Object.entries(parameters)
    .filter((entry): entry is [string, JsonObject] => isJsonObject(entry[1]))
    .map(([name, definition]) => ({ name, choices: domain(name, definition, samples) }))
    .filter((d) => d.choices.length > 1);
  const product = dimensions.filter((d) => control.has(d.name));
  const cycled = dimensions.filter((d) => !control.has(d.name));
  const total = product.reduce((n, d) => n * d.choices.length, 1);
  const result: Combination[] = [];
  for (let k = 0; k < total; k++) {
    const values: Record<string, Value> = {};
    let rest = k;
    const pick = (name: string, choice: Choice | undefined): void => {
      if (choice !== undefined && choice !== useDefault) values[name] = choice;
    };
    for (const d of product) {
      pick(d.name, d.choices[rest % d.choices.length]);
      rest = Math.floor(rest / d.choices.length);
    }
    cycled.forEach((d, i) => {
      pick(d.name, d.choices[(k + i) % d.choices.length]);
    });
    result.push({ label: label(values), values });
  }
  return result;
}
