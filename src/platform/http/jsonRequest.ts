import type { z } from 'zod';
import { HttpProblem } from './httpProblem.js';

/** Parses a request body as JSON and validates it; failures become 400/422 problems. */
export function parseJsonBody<Schema extends z.ZodType>(text: string, schema: Schema): z.infer<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    throw new HttpProblem('invalid-json', error instanceof Error ? error.message : 'The body is not JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HttpProblem('validation', 'The request body does not match the expected shape.', {
      errors: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return parsed.data;
}
