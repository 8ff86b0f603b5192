/**
 * A check is a function from what a compiled template deploys (under one parameter combination) to the
 * violations it finds, as sentences. Checks never throw on a bad template: a missing resource or property is
 * a violation, so an injected regression is reported, not crashed on.
 */
import type { DeployedResource, Deployment, JsonObject } from '../arm/deployment.js';
import { Unknown, at, deepEqual, describe, isValueObject, text, type Value, type ValueObject } from '../arm/values.js';

export interface CheckInput {
  readonly deployment: Deployment;
  /** The compiled main template (parameter declarations: defaults, allowed values, descriptions). */
  readonly template: JsonObject;
  /** The app's host.json. */
  readonly hostJson: JsonObject;
}

export interface Check {
  /** Rule ids (PSRule, Checkov, MCSB) or a short name. */
  readonly id: string;
  readonly title: string;
  readonly run: (input: CheckInput) => string[];
}

export function ofType(deployment: Deployment, type: string): DeployedResource[] {
  const lower = type.toLowerCase();
  return deployment.resources.filter((r) => r.type.toLowerCase() === lower);
}

/** A property of a deployed resource ('properties.x.y'). */
export function prop(resource: DeployedResource, path: string): Value | undefined {
  return at(resource.body, path);
}

export function show(value: Value | undefined): string {
  return value === undefined ? 'absent' : describe(value);
}

export function label(resource: DeployedResource): string {
  return `${resource.type} ${resource.name}`;
}

/** One violation if the property is not exactly the expected value. */
export function expectProp(resource: DeployedResource, path: string, expected: Value): string[] {
  const actual = prop(resource, path);
  return actual !== undefined && deepEqual(actual, expected)
    ? []
    : [`${label(resource)}: ${path} is ${show(actual)}, expected ${describe(expected)}`];
}

/** Exactly one deployed resource of a type, or a violation saying how many there are. */
export function exactlyOne(deployment: Deployment, type: string, violations: string[]): DeployedResource | undefined {
  const found = ofType(deployment, type);
  if (found.length !== 1) violations.push(`expected one ${type}, found ${String(found.length)}`);
  return found.length === 1 ? found[0] : undefined;
}

/** The value of a root parameter in this combination. */
export function parameter(input: CheckInput, name: string): Value | undefined {
  return input.deployment.parameters[name];
}

/** A root parameter's declaration in the compiled template. */
export function declaration(input: CheckInput, name: string): ValueObject | undefined {
  const value = at(input.template, `parameters.${name}`);
  return isValueObject(value) ? value : undefined;
}

/** Diagnostic settings whose scope is the resource, with the log categories they enable. */
function diagnosticsOf(deployment: Deployment, resourceId: string): { setting: DeployedResource; logs: string[] }[] {
  return ofType(deployment, 'Microsoft.Insights/diagnosticSettings')
    .filter((d) => prop(d, 'scope') === resourceId)
    .map((setting) => {
      const logs = prop(setting, 'properties.logs');
      const enabled = Array.isArray(logs)
        ? logs
            .filter((l) => isValueObject(l) && l.enabled === true)
            .map((l) => (isValueObject(l) ? text(l.category) : ''))
        : [];
      return { setting, logs: enabled };
    });
}

/** The single Log Analytics workspace, whose id every diagnostic setting must name. */
export function workspaceId(deployment: Deployment): string | undefined {
  const workspaces = ofType(deployment, 'Microsoft.OperationalInsights/workspaces');
  return workspaces.length === 1 ? workspaces[0]?.id : undefined;
}

/** Logs categories sent from a resource to the workspace; a violation per missing category. */
export function expectLogs(
  deployment: Deployment,
  resource: DeployedResource,
  categories: readonly string[],
): string[] {
  const workspace = workspaceId(deployment);
  const settings = diagnosticsOf(deployment, resource.id).filter(
    (d) => prop(d.setting, 'properties.workspaceId') === workspace,
  );
  const sent = new Set(settings.flatMap((s) => s.logs));
  return categories
    .filter((c) => !sent.has(c))
    .map((c) => `${label(resource)}: log category ${c} is not sent to the workspace`);
}

/** `reference('<id>').path` as the Unknown the evaluator produces for a resource's runtime property. */
export function runtimeProperty(id: string, path: string): Unknown {
  return new Unknown(`reference('${id}').${path}`);
}

export function sameText(a: Value | undefined, b: Value | undefined): boolean {
  return a !== undefined && b !== undefined && deepEqual(a, b);
}
