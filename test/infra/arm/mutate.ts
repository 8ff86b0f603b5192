/** Edits of a compiled template (a deep copy), to inject a regression the way a template change would. */
import type { JsonObject } from './deployment.js';
import { isValueObject, type Value } from './values.js';

export function clone(template: JsonObject): JsonObject {
  return structuredClone(template);
}

/** Every template in the compiled file: the root and each module's nested template. */
export function templates(root: JsonObject): JsonObject[] {
  const found = [root];
  const resources = root.resources;
  const list = Array.isArray(resources) ? resources : Object.values(isValueObject(resources) ? resources : {});
  for (const resource of list) {
    const nested =
      isValueObject(resource) && isValueObject(resource.properties) ? resource.properties.template : undefined;
    if (isValueObject(nested)) found.push(...templates(nested));
  }
  return found;
}

/** Declared (not existing) resources of a type, across modules, as editable JSON. */
export function declared(root: JsonObject, type: string, symbol?: string): JsonObject[] {
  return templates(root).flatMap((template) => {
    const resources = template.resources;
    const entries: [string, Value][] = Array.isArray(resources)
      ? resources.map((r, i) => [String(i), r])
      : Object.entries(isValueObject(resources) ? resources : {});
    return entries
      .filter(
        ([s, r]) =>
          isValueObject(r) && r.type === type && r.existing !== true && (symbol === undefined || s === symbol),
      )
      .map(([, r]) => r)
      .filter(isValueObject);
  });
}

/** Removes declared resources of a type (optionally one symbol) from every template. */
export function remove(root: JsonObject, type: string, symbol?: string): number {
  let removed = 0;
  for (const template of templates(root)) {
    const resources = template.resources;
    if (!isValueObject(resources)) continue;
    for (const [s, r] of Object.entries(resources)) {
      if (isValueObject(r) && r.type === type && (symbol === undefined || s === symbol)) {
        Reflect.deleteProperty(resources, s);
        removed++;
      }
    }
  }
  return removed;
}

function parentOf(object: JsonObject, path: string): [JsonObject, string] {
  const keys = path.split('.');
  const last = keys.pop() ?? path;
  let current: JsonObject = object;
  for (const key of keys) {
    const next = current[key];
    if (!isValueObject(next)) throw new Error(`no object at ${key} of ${path}`);
    current = next;
  }
  return [current, last];
}

/** Sets a property path ('properties.x.y'); its parent must exist. */
export function set(object: JsonObject, path: string, value: Value): void {
  const [parent, key] = parentOf(object, path);
  parent[key] = value;
}

/** Deletes a property path; throws if it was not there (an injection that changes nothing proves nothing). */
export function unset(object: JsonObject, path: string): void {
  const [parent, key] = parentOf(object, path);
  if (!(key in parent)) throw new Error(`nothing at ${path}`);
  Reflect.deleteProperty(parent, key);
}

/** The variables of the module template that declares a resource of this type. */
export function variablesOfModuleWith(root: JsonObject, type: string): JsonObject {
  const template = templates(root).find((t) => {
    const resources = t.resources;
    const list = Array.isArray(resources) ? resources : Object.values(isValueObject(resources) ? resources : {});
    return list.some((r) => isValueObject(r) && r.type === type && r.existing !== true);
  });
  const variables = template?.variables;
  if (!isValueObject(variables)) throw new Error(`no variables next to ${type}`);
  return variables;
}

/** The nested template of a module of the root template, by its symbolic name. */
export function moduleTemplate(root: JsonObject, symbol: string): JsonObject {
  const resources = root.resources;
  const module = isValueObject(resources) ? resources[symbol] : undefined;
  const template = isValueObject(module) && isValueObject(module.properties) ? module.properties.template : undefined;
  if (!isValueObject(template)) throw new Error(`no module ${symbol}`);
  return template;
}
