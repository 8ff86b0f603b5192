import type { z } from 'zod';
import { HttpProblem } from './httpProblem.js';
import { requireMediaType } from './mediaType.js';

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

/** What reading a JSON body needs of a request, whatever the trigger library calls it. */
export interface JsonRequestBody {
  contentType: string | null;
  contentLength: string | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The limit on JSON bodies and the setting that carries it. */
export interface JsonBodyLimit {
  maxBytes: number;
  setting: string;
}

/**
 * A JSON request body, validated: 415 unless it is declared application/json, 413 past the limit
 * (before reading when Content-Length says so), then as parseJsonBody. Call after the caller check.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  body: JsonRequestBody,
  schema: Schema,
  limit: JsonBodyLimit,
): Promise<z.infer<Schema>> {
  requireMediaType(body.contentType, ['application/json']);
  const tooLarge = (): HttpProblem =>
    new HttpProblem('payload-too-large', `JSON bodies are limited to ${limit.maxBytes} bytes.`, {
      limit: { setting: limit.setting, value: limit.maxBytes },
    });
  if (Number(body.contentLength ?? 0) > limit.maxBytes) throw tooLarge();
  const bytes = await body.arrayBuffer();
  if (bytes.byteLength > limit.maxBytes) throw tooLarge();
  return parseJsonBody(Buffer.from(bytes).toString('utf8'), schema);
}
