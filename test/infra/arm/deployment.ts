/**
 * What ARM would deploy from a compiled template for given parameter values: every resource whose condition
 * holds, with copy loops expanded, module (nested deployment) parameters passed down and every property
 * evaluated. Azure itself is simulated only as far as functions.ts says; runtime values stay Unknown.
 * (Microsoft Learn: azure-resource-manager/templates/conditional-resource-deployment, copy-resources,
 * linked-templates "expression evaluation scope".)
 */
import { evaluateJson } from './evaluate.js';
import { EvaluationError, declaredResourceId, type CallSite } from './functions.js';
import { Unknown, describe, isValueObject, text, type Value, type ValueObject } from './values.js';

export interface DeployedResource {
  /** Module path: '' for main.bicep, 'storage' for a module, 'a/b' when nested. */
  readonly module: string;
  /** Symbolic name (languageVersion 2.0 templates) or the position in the resources array. */
  readonly symbol: string;
  readonly type: string;
  readonly name: string;
  readonly id: string;
  /** The evaluated resource declaration: properties, identity, sku, kind, scope, ... */
  readonly body: ValueObject;
}

export interface Deployment {
  /** The root parameter values, defaults filled in. */
  readonly parameters: Readonly<Record<string, Value>>;
  readonly resources: readonly DeployedResource[];
}

/** A template as parsed JSON (typed as values: see compiledTemplate.ts for why one type family). */
export type JsonObject = ValueObject;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const notDeployed = new Set([
  'condition',
  'copy',
  'dependsOn',
  'existing',
  'apiVersion',
  'type',
  'comments',
  'metadata',
]);

class TemplateScope {
  private readonly parameterCache = new Map<string, Value>();
  private readonly variableCache = new Map<string, Value>();
  private readonly moduleScopes = new Map<string, TemplateScope>();
  private readonly entries: [string, JsonObject][];
  private readonly symbolic: boolean;

  constructor(
    readonly template: JsonObject,
    readonly path: string,
    readonly targetScope: 'resourceGroup' | 'subscription',
    /** The value fed to a parameter, or undefined when the caller passes none. */
    private readonly fed: (name: string) => Value | undefined,
  ) {
    const resources = template.resources;
    this.symbolic = isJsonObject(resources);
    this.entries = Array.isArray(resources)
      ? resources.filter(isJsonObject).map((r, i) => [String(i), r])
      : Object.entries(isJsonObject(resources) ? resources : {}).filter((e): e is [string, JsonObject] =>
          isJsonObject(e[1]),
        );
  }

  site(loops: ReadonlyMap<string | undefined, number> = new Map()): CallSite {
    return {
      parameter: (name) => this.parameter(name),
      variable: (name) => this.variable(name),
      copyIndex: (loop) => {
        const index = loops.get(loop);
        if (index === undefined)
          throw new EvaluationError(`copyIndex(${loop ?? ''}) outside its loop in ${this.label()}`);
        return index;
      },
      reference: (args) => this.reference(args),
      targetScope: this.targetScope,
    };
  }

  private label(): string {
    return this.path === '' ? 'main' : this.path;
  }

  parameter(name: string): Value {
    const cached = this.parameterCache.get(name);
    if (cached !== undefined || this.parameterCache.has(name)) return cached ?? null;
    const definition = isJsonObject(this.template.parameters) ? this.template.parameters[name] : undefined;
    if (!isJsonObject(definition)) throw new EvaluationError(`${this.label()}: no parameter ${name}`);
    let value = this.fed(name);
    if (value === undefined && 'defaultValue' in definition) value = evaluateJson(definition.defaultValue, this.site());
    if (value === undefined || value === null) {
      if (definition.nullable !== true) throw new EvaluationError(`${this.label()}: parameter ${name} has no value`);
      value = null;
    } else {
      validate(this.label(), name, definition, value);
    }
    this.parameterCache.set(name, value);
    return value;
  }

  variable(name: string): Value {
    const cached = this.variableCache.get(name);
    if (cached !== undefined) return cached;
    const variables = isJsonObject(this.template.variables) ? this.template.variables : {};
    const loops = Array.isArray(variables.copy) ? variables.copy.filter(isJsonObject) : [];
    const loop = loops.find((l) => l.name === name);
    let value: Value;
    if (loop !== undefined) {
      const count = evaluateJson(loop.count, this.site());
      if (typeof count !== 'number') throw new EvaluationError(`variable loop ${name}: count ${describe(count)}`);
      value = Array.from({ length: count }, (_, i) => evaluateJson(loop.input, this.site(new Map([[name, i]]))));
    } else if (name in variables && name !== 'copy') {
      value = evaluateJson(variables[name], this.site());
    } else {
      throw new EvaluationError(`${this.label()}: no variable ${name}`);
    }
    this.variableCache.set(name, value);
    return value;
  }

  /** Id of the resource a symbolic name stands for (existing or declared, outside loops). */
  private symbolId(symbol: string): string | undefined {
    const entry = this.symbolic ? this.entries.find(([s]) => s === symbol) : undefined;
    if (entry === undefined) return undefined;
    return this.resourceId(entry[1], this.site());
  }

  resourceId(resource: JsonObject, site: CallSite): string {
    const name = evaluateJson(resource.name, site);
    const scope = resource.scope === undefined ? undefined : evaluateJson(resource.scope, site);
    if (typeof name !== 'string' || (scope !== undefined && typeof scope !== 'string')) {
      throw new EvaluationError(`${this.label()}: resource name ${describe(name)} is not known before deployment`);
    }
    return declaredResourceId(text(resource.type), name, scope, site);
  }

  private reference(args: readonly Value[]): Value {
    const [target, ...rest] = args;
    if (typeof target !== 'string') return new Unknown(`reference(${args.map(describe).join(', ')})`);
    const module = this.moduleScope(target);
    if (module !== undefined) return { outputs: module.outputs() };
    const id = this.symbolId(target) ?? target;
    // The API version does not change which resource is read; 'full' does (identity, sku, ... besides properties).
    const full = rest.includes('full') ? ", 'full'" : '';
    return new Unknown(`reference(${describe(id)}${full})`);
  }

  /** The scope of the module deployment with this symbolic name (or deployment name), created once. */
  moduleScope(
    symbolOrName: string,
    loops: ReadonlyMap<string | undefined, number> = new Map(),
  ): TemplateScope | undefined {
    const key = `${symbolOrName}#${JSON.stringify([...loops])}`;
    const cached = this.moduleScopes.get(key);
    if (cached !== undefined) return cached;
    const entry = this.entries.find(
      ([symbol, r]) =>
        r.type === 'Microsoft.Resources/deployments' && (symbol === symbolOrName || r.name === symbolOrName),
    );
    if (entry === undefined) return undefined;
    const [symbol, deployment] = entry;
    const properties = isJsonObject(deployment.properties) ? deployment.properties : {};
    const template = properties.template;
    if (!isJsonObject(template)) throw new EvaluationError(`${this.label()}: module ${symbol} has no inline template`);
    const site = this.site(loops);
    const given = properties.parameters;
    const fed = (name: string): Value | undefined => {
      if (!isJsonObject(given) || !(name in given)) return undefined;
      const entryValue = evaluateJson(given[name], site);
      if (!isValueObject(entryValue) || !('value' in entryValue)) {
        throw new EvaluationError(`module ${symbol}: parameter ${name} is ${describe(entryValue)}`);
      }
      return entryValue.value;
    };
    const schema = typeof template.$schema === 'string' ? template.$schema : '';
    const targetScope = /subscriptionDeploymentTemplate/i.test(schema) ? 'subscription' : 'resourceGroup';
    const scope = new TemplateScope(template, this.path === '' ? symbol : `${this.path}/${symbol}`, targetScope, fed);
    this.moduleScopes.set(key, scope);
    return scope;
  }

  outputs(): ValueObject {
    const outputs = isJsonObject(this.template.outputs) ? this.template.outputs : {};
    const result: Record<string, Value> = {};
    for (const [name, output] of Object.entries(outputs)) {
      if (!isJsonObject(output)) continue;
      const loop = isJsonObject(output.copy) ? output.copy : undefined;
      const value =
        loop === undefined
          ? evaluateJson(output.value, this.site())
          : Array.from({ length: Number(evaluateJson(loop.count, this.site())) }, (_, i) =>
              evaluateJson(loop.input, this.site(new Map([[undefined, i]]))),
            );
      result[name] = { type: text(output.type), value };
    }
    return result;
  }

  /** Every resource this template deploys, modules expanded. */
  deploy(into: DeployedResource[]): void {
    for (const [symbol, resource] of this.entries) {
      if (resource.existing === true) continue;
      const loop = isJsonObject(resource.copy) ? resource.copy : undefined;
      const count = loop === undefined ? 1 : evaluateJson(loop.count, this.site());
      if (typeof count !== 'number')
        throw new EvaluationError(`${this.label()}/${symbol}: copy count ${describe(count)}`);
      for (let i = 0; i < count; i++) {
        const loops = new Map<string | undefined, number>(
          loop === undefined
            ? []
            : [
                [undefined, i],
                [text(loop.name), i],
              ],
        );
        const site = this.site(loops);
        const condition = resource.condition === undefined ? true : evaluateJson(resource.condition, site);
        if (typeof condition !== 'boolean') {
          throw new EvaluationError(`${this.label()}/${symbol}: condition ${describe(condition)} is not decidable`);
        }
        if (!condition) continue;
        if (resource.type === 'Microsoft.Resources/deployments') {
          this.moduleScope(symbol, loops)?.deploy(into);
          continue;
        }
        const body: Record<string, Value> = {};
        for (const [key, value] of Object.entries(resource)) {
          if (!notDeployed.has(key)) body[key] = evaluateJson(value, site);
        }
        into.push({
          module: this.path,
          symbol,
          type: text(resource.type),
          name: text(body.name),
          id: this.resourceId(resource, site),
          body,
        });
      }
    }
  }
}

/** ARM's checks of a parameter value against its declaration (allowed values and bounds). */
function validate(where: string, name: string, definition: JsonObject, value: Value): void {
  const allowed = definition.allowedValues;
  if (Array.isArray(allowed) && !allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
    throw new EvaluationError(`${where}: ${name} = ${describe(value)} is not one of ${JSON.stringify(allowed)}`);
  }
  if (typeof value === 'number') {
    if (typeof definition.minValue === 'number' && value < definition.minValue) {
      throw new EvaluationError(`${where}: ${name} = ${String(value)} is below ${String(definition.minValue)}`);
    }
    if (typeof definition.maxValue === 'number' && value > definition.maxValue) {
      throw new EvaluationError(`${where}: ${name} = ${String(value)} is above ${String(definition.maxValue)}`);
    }
  }
}

/** Deploys the template (a resource group deployment) with the given root parameter values. */
export function deploy(template: JsonObject, parameters: Readonly<Record<string, Value>>): Deployment {
  const root = new TemplateScope(template, '', 'resourceGroup', (name) => parameters[name]);
  const resources: DeployedResource[] = [];
  root.deploy(resources);
  const names = isJsonObject(template.parameters) ? Object.keys(template.parameters) : [];
  return { parameters: Object.fromEntries(names.map((name) => [name, root.parameter(name)])), resources };
}
