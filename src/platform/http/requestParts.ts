import type { z } from 'zod';
import { HttpProblem } from './httpProblem.js';

/** Validates route values at the edge; a value that fails is the client's error, not a 404. */
export function parseRouteParams<Schema extends z.ZodType>(
  params: Record<string, string>,
  schema: Schema,
): z.infer<Schema> {
  return validated(schema, params, 'route');
}

/** Validates the query string (first value of each name) against a schema. */
export function parseQuery<Schema extends z.ZodType>(query: URLSearchParams, schema: Schema): z.infer<Schema> {
  const values: Record<string, string> = {};
  for (const [name, value] of query) values[name] ??= value;
  return validated(schema, values, 'query');
}

function validated<Schema extends z.ZodType>(schema: Schema, value: unknown, where: string): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HttpProblem('validation', `Invalid ${where} parameters.`, {
      errors: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return parsed.data;
}
