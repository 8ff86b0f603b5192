/**
 * The ARM template functions the compiled templates use (Microsoft Learn, azure-resource-manager/templates/
 * template-functions), evaluated against a fixed, simulated deployment context: one subscription, one resource
 * group, one tenant, Azure public cloud. Anything only Azure knows at deployment time becomes an `Unknown`.
 */
import { createHash } from 'node:crypto';
import { Unknown, containsUnknown, deepEqual, describe, isValueObject, property, type Value } from './values.js';

export const simulated = {
  subscriptionId: '00000000-0000-0000-0000-0000000000a1',
  tenantId: '00000000-0000-0000-0000-0000000000f1',
  resourceGroup: 'rg-wesad-test',
  location: 'westeurope',
} as const;

const subscriptionPath = `/subscriptions/${simulated.subscriptionId}`;
const resourceGroupPath = `${subscriptionPath}/resourceGroups/${simulated.resourceGroup}`;

/** What a function call can ask of the template it runs in. */
export interface CallSite {
  parameter(name: string): Value;
  variable(name: string): Value;
  copyIndex(loop: string | undefined): number;
  /** reference() of a symbolic name or resource id: a module's outputs, or an Unknown naming the resource. */
  reference(args: readonly Value[]): Value;
  readonly targetScope: 'resourceGroup' | 'subscription';
}

export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

function text(value: Value, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new EvaluationError(`${fn}: expected a string, got ${describe(value)}`);
}

function integer(value: Value, fn: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new EvaluationError(`${fn}: expected an integer, got ${describe(value)}`);
}

function hash(args: readonly Value[]): string {
  return createHash('sha256').update(JSON.stringify(args)).digest('hex');
}

/** Segments of a resource id below its scope: type Microsoft.X/a/b with names n1, n2 gives Microsoft.X/a/n1/b/n2. */
function typedSegments(type: string, names: readonly string[]): string {
  const [namespace, ...types] = type.split('/');
  if (namespace === undefined || types.length !== names.length) {
    throw new EvaluationError(`resource type ${type} needs ${String(types.length)} names, got ${String(names.length)}`);
  }
  return [namespace, ...types.flatMap((t, i) => [t, names[i] ?? ''])].join('/');
}

function resourceId(args: readonly string[]): string {
  const typeAt = args.findIndex((a) => a.includes('/'));
  if (typeAt < 0 || typeAt > 2) throw new EvaluationError(`resourceId(${args.join(', ')}): no resource type`);
  const type = args[typeAt] ?? '';
  const names = args.slice(typeAt + 1);
  const subscription = typeAt === 2 ? (args[0] ?? '') : simulated.subscriptionId;
  const group = typeAt >= 1 ? (args[typeAt - 1] ?? '') : simulated.resourceGroup;
  return `/subscriptions/${subscription}/resourceGroups/${group}/providers/${typedSegments(type, names)}`;
}

/** Id of a resource declared in a template: `name` is 'a' or 'a/b' for child types. */
export function declaredResourceId(type: string, name: string, scope: string | undefined, site: CallSite): string {
  const segments = typedSegments(type, name.split('/'));
  if (scope !== undefined) return `${scope}/providers/${segments}`;
  return `${site.targetScope === 'subscription' ? subscriptionPath : resourceGroupPath}/providers/${segments}`;
}

type Implementation = (args: Value[], site: CallSite) => Value;

/** Functions whose result is only known at deployment time, whatever their arguments. */
const deploymentTimeOnly = new Set(['listKeys', 'listAccountSas', 'listSecrets', 'utcNow', 'newGuid', 'pickZones']);

/** Functions that work on values containing Unknowns (they only move them around or count them). */
const structural = new Set(['union', 'concat', 'tryGet', 'length']);
/** Functions that also hold an argument that is itself Unknown. */
const holders = new Set(['createObject', 'createArray', 'coalesce', 'reference']);

const functions: Record<string, Implementation> = {
  parameters: ([name], site) => site.parameter(text(name ?? null, 'parameters')),
  variables: ([name], site) => site.variable(text(name ?? null, 'variables')),
  copyIndex: (args, site) => {
    const [first, second] = args;
    if (typeof first === 'string')
      return site.copyIndex(first) + (second === undefined ? 0 : integer(second, 'copyIndex'));
    return site.copyIndex(undefined) + (first === undefined ? 0 : integer(first, 'copyIndex'));
  },
  reference: (args, site) => site.reference(args),
  null: () => null,
  true: () => true,
  false: () => false,
  string: ([v]) => (typeof v === 'string' ? v : JSON.stringify(v ?? null)),
  int: ([v]) => Number.parseInt(text(v ?? null, 'int'), 10),
  bool: ([v]) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true'),
  json: ([v]) => JSON.parse(text(v ?? null, 'json')) as Value,
  createObject: (args) => {
    const object: Record<string, Value> = {};
    for (let i = 0; i + 1 < args.length; i += 2) object[text(args[i] ?? null, 'createObject')] = args[i + 1] ?? null;
    return object;
  },
  createArray: (args) => args,
  equals: ([a, b]) => deepEqual(a ?? null, b ?? null),
  not: ([v]) => v !== true,
  and: (args) => args.every((v) => v === true),
  or: (args) => args.some((v) => v === true),
  greater: ([a, b]) => integer(a ?? null, 'greater') > integer(b ?? null, 'greater'),
  less: ([a, b]) => integer(a ?? null, 'less') < integer(b ?? null, 'less'),
  greaterOrEquals: ([a, b]) => integer(a ?? null, 'greaterOrEquals') >= integer(b ?? null, 'greaterOrEquals'),
  lessOrEquals: ([a, b]) => integer(a ?? null, 'lessOrEquals') <= integer(b ?? null, 'lessOrEquals'),
  add: ([a, b]) => integer(a ?? null, 'add') + integer(b ?? null, 'add'),
  sub: ([a, b]) => integer(a ?? null, 'sub') - integer(b ?? null, 'sub'),
  mul: ([a, b]) => integer(a ?? null, 'mul') * integer(b ?? null, 'mul'),
  div: ([a, b]) => Math.trunc(integer(a ?? null, 'div') / integer(b ?? null, 'div')),
  min: (args) => Math.min(...args.flat().map((v) => integer(v, 'min'))),
  max: (args) => Math.max(...args.flat().map((v) => integer(v, 'max'))),
  coalesce: (args) => args.find((v) => v !== null) ?? null,
  empty: ([v]) =>
    v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isValueObject(v) && Object.keys(v).length === 0),
  length: ([v]) => {
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    if (isValueObject(v)) return Object.keys(v).length;
    throw new EvaluationError(`length of ${describe(v ?? null)}`);
  },
  concat: (args) => (args.every(Array.isArray) ? args.flat() : args.map((a) => text(a, 'concat')).join('')),
  union: (args) => {
    if (args.every(Array.isArray)) return [...new Set<Value>(args.flat())];
    return Object.assign({}, ...args.map((a) => (isValueObject(a) ? a : {}))) as Record<string, Value>;
  },
  tryGet: ([source, ...keys]) => {
    let current: Value = source ?? null;
    for (const key of keys) {
      if (Array.isArray(current) && typeof key === 'number') current = current[key] ?? null;
      else if (isValueObject(current) && typeof key === 'string') current = property(current, key) ?? null;
      else return null;
    }
    return current;
  },
  contains: ([container, item]) => {
    if (typeof container === 'string') return container.includes(text(item ?? null, 'contains'));
    if (Array.isArray(container)) return container.some((v) => deepEqual(v, item ?? null));
    return isValueObject(container) && Object.hasOwn(container, text(item ?? null, 'contains'));
  },
  first: ([v]) => (typeof v === 'string' ? v.charAt(0) : Array.isArray(v) ? (v[0] ?? null) : null),
  last: ([v]) => (typeof v === 'string' ? v.slice(-1) : Array.isArray(v) ? (v.at(-1) ?? null) : null),
  toLower: ([v]) => text(v ?? null, 'toLower').toLowerCase(),
  toUpper: ([v]) => text(v ?? null, 'toUpper').toUpperCase(),
  take: ([v, n]) =>
    Array.isArray(v)
      ? v.slice(0, integer(n ?? null, 'take'))
      : text(v ?? null, 'take').slice(0, integer(n ?? null, 'take')),
  skip: ([v, n]) =>
    Array.isArray(v) ? v.slice(integer(n ?? null, 'skip')) : text(v ?? null, 'skip').slice(integer(n ?? null, 'skip')),
  split: ([v, sep]) => text(v ?? null, 'split').split(text(sep ?? null, 'split')),
  replace: ([v, a, b]) => text(v ?? null, 'replace').replaceAll(text(a ?? null, 'replace'), text(b ?? null, 'replace')),
  startsWith: ([v, p]) =>
    text(v ?? null, 'startsWith')
      .toLowerCase()
      .startsWith(text(p ?? null, 'startsWith').toLowerCase()),
  endsWith: ([v, p]) =>
    text(v ?? null, 'endsWith')
      .toLowerCase()
      .endsWith(text(p ?? null, 'endsWith').toLowerCase()),
  uriComponent: ([v]) => encodeURIComponent(text(v ?? null, 'uriComponent')),
  format: ([template, ...args]) =>
    text(template ?? null, 'format').replace(/\{(\d+)(:[^}]*)?\}/g, (_m, i: string) =>
      text(args[Number(i)] ?? null, 'format'),
    ),
  // Deterministic stand-ins: equal inputs give equal outputs, like the real functions.
  uniqueString: (args) =>
    BigInt(`0x${hash(args).slice(0, 16)}`)
      .toString(32)
      .padStart(13, 'a')
      .slice(0, 13),
  guid: (args) => {
    const h = hash(args);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  },
  resourceId: (args) => resourceId(args.map((a) => text(a, 'resourceId'))),
  subscriptionResourceId: (args) => {
    const names = args.map((a) => text(a, 'subscriptionResourceId'));
    const typeAt = names.findIndex((a) => a.includes('/'));
    const subscription = typeAt === 1 ? (names[0] ?? '') : simulated.subscriptionId;
    return `/subscriptions/${subscription}/providers/${typedSegments(names[typeAt] ?? '', names.slice(typeAt + 1))}`;
  },
  extensionResourceId: ([scope, type, ...names]) =>
    `${text(scope ?? null, 'extensionResourceId')}/providers/${typedSegments(
      text(type ?? null, 'extensionResourceId'),
      names.map((n) => text(n, 'extensionResourceId')),
    )}`,
  tenantResourceId: ([type, ...names]) =>
    `/providers/${typedSegments(
      text(type ?? null, 'tenantResourceId'),
      names.map((n) => text(n, 'tenantResourceId')),
    )}`,
  subscription: () => ({
    id: subscriptionPath,
    subscriptionId: simulated.subscriptionId,
    tenantId: simulated.tenantId,
    displayName: 'simulated',
  }),
  resourceGroup: (_args, site) => {
    if (site.targetScope !== 'resourceGroup')
      throw new EvaluationError('resourceGroup() outside a resource group deployment');
    return {
      id: resourceGroupPath,
      name: simulated.resourceGroup,
      location: simulated.location,
      type: 'Microsoft.Resources/resourceGroups',
    };
  },
  tenant: () => ({ tenantId: simulated.tenantId, displayName: 'simulated', countryCode: 'NL' }),
  environment: () => ({
    name: 'AzureCloud',
    resourceManager: 'https://management.azure.com/',
    authentication: {
      loginEndpoint: 'https://login.microsoftonline.com/',
      audiences: ['https://management.azure.com/'],
    },
    suffixes: {
      storage: 'core.windows.net',
      keyvaultDns: '.vault.azure.net',
      sqlServerHostname: '.database.windows.net',
    },
  }),
  deployment: () => ({ name: 'simulated', properties: {} }),
};

/** Calls an ARM function on evaluated arguments; deployment-time values stay Unknown. */
export function call(name: string, args: Value[], site: CallSite): Value {
  const implementation = functions[name];
  if (implementation === undefined && !deploymentTimeOnly.has(name)) {
    throw new EvaluationError(`ARM function ${name}() is not modelled by test/infra/arm/functions.ts`);
  }
  const unknown =
    deploymentTimeOnly.has(name) ||
    (!holders.has(name) && args.some((a) => (structural.has(name) ? a instanceof Unknown : containsUnknown(a))));
  if (unknown || implementation === undefined) return new Unknown(`${name}(${args.map(describe).join(', ')})`);
  return implementation(args, site);
}
