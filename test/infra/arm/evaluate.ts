/**
 * Evaluates ARM expressions and whole JSON values of a template (expression strings, expression object keys,
 * property copy loops) against a CallSite. `if()` evaluates only the branch it takes, as ARM does.
 */
import { isExpression, literalText, parseExpression, render, type Expr } from './expression.js';
import { EvaluationError, call, type CallSite } from './functions.js';
import { Unknown, describe, isValueObject, property, type Value } from './values.js';

export function evaluateExpr(expr: Expr, site: CallSite): Value {
  switch (expr.kind) {
    case 'string':
    case 'number':
      return expr.value;
    case 'call': {
      if (expr.name === 'if') {
        const [test, whenTrue, whenFalse] = expr.args;
        if (test === undefined || whenTrue === undefined || whenFalse === undefined) {
          throw new EvaluationError(`if() needs three arguments: ${render(expr)}`);
        }
        const condition = evaluateExpr(test, site);
        if (condition instanceof Unknown) return new Unknown(render(expr));
        return evaluateExpr(condition === true ? whenTrue : whenFalse, site);
      }
      return call(
        expr.name,
        expr.args.map((arg) => evaluateExpr(arg, site)),
        site,
      );
    }
    case 'member': {
      const target = evaluateExpr(expr.target, site);
      if (target instanceof Unknown) return new Unknown(`${target.expression}.${expr.name}`);
      if (!isValueObject(target)) throw new EvaluationError(`.${expr.name} of ${describe(target)} in ${render(expr)}`);
      const value = property(target, expr.name);
      if (value === undefined) throw new EvaluationError(`no property ${expr.name} in ${render(expr)}`);
      return value;
    }
    case 'index': {
      const target = evaluateExpr(expr.target, site);
      const index = evaluateExpr(expr.index, site);
      if (target instanceof Unknown || index instanceof Unknown) {
        return new Unknown(`${describe(target)}[${describe(index)}]`);
      }
      if (Array.isArray(target) && typeof index === 'number') {
        const item = target[index];
        if (item === undefined) throw new EvaluationError(`index ${String(index)} out of range in ${render(expr)}`);
        return item;
      }
      if (isValueObject(target) && typeof index === 'string') {
        const value = property(target, index);
        if (value === undefined) throw new EvaluationError(`no property ${index} in ${render(expr)}`);
        return value;
      }
      throw new EvaluationError(`cannot index ${describe(target)} with ${describe(index)}`);
    }
  }
}

/** A string of a template: an expression is evaluated, a literal unescaped. */
export function evaluateString(text: string, site: CallSite): Value {
  return isExpression(text) ? evaluateExpr(parseExpression(text), site) : literalText(text);
}

/** A CallSite that also answers copyIndex(name) for the property loops it is inside. */
function inLoop(site: CallSite, loop: string, index: number): CallSite {
  return {
    parameter: (name) => site.parameter(name),
    variable: (name) => site.variable(name),
    reference: (args) => site.reference(args),
    targetScope: site.targetScope,
    copyIndex: (name) => (name === loop ? index : site.copyIndex(name)),
  };
}

function isPropertyCopy(value: unknown): value is { name: string; count: unknown; input: unknown }[] {
  return (
    Array.isArray(value) &&
    value.every((item) => isValueObject(item) && typeof item.name === 'string' && 'count' in item && 'input' in item)
  );
}

/** Deeply evaluates a JSON value of the template. */
export function evaluateJson(json: unknown, site: CallSite): Value {
  if (typeof json === 'string') return evaluateString(json, site);
  if (json === null || typeof json === 'number' || typeof json === 'boolean') return json;
  if (Array.isArray(json)) return json.map((item) => evaluateJson(item, site));
  if (typeof json !== 'object') throw new EvaluationError(`unexpected JSON value of type ${typeof json}`);
  const result: Record<string, Value> = {};
  for (const [key, item] of Object.entries(json)) {
    if (key === 'copy' && isPropertyCopy(item)) {
      for (const loop of item) {
        const count = evaluateJson(loop.count, site);
        if (typeof count !== 'number') throw new EvaluationError(`copy ${loop.name}: count ${describe(count)}`);
        result[loop.name] = Array.from({ length: count }, (_, i) =>
          evaluateJson(loop.input, inLoop(site, loop.name, i)),
        );
      }
      continue;
    }
    const name = evaluateString(key, site);
    result[typeof name === 'string' ? name : describe(name)] = evaluateJson(item, site);
  }
  return result;
}
