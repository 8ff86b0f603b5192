import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { appConfig } from '../../src/app/appConfig.js';
import { readJsonBody } from '../../src/platform/http/jsonRequest.js';

/** The request's JSON body, validated against `schema`: 415 unless application/json, 413 past the limit. */
export async function jsonBodyOf<Schema extends z.ZodType>(
  request: HttpRequest,
  schema: Schema,
): Promise<z.infer<Schema>> {
  return readJsonBody(
    {
      contentType: request.headers.get('content-type'),
      contentLength: request.headers.get('content-length'),
      arrayBuffer: () => request.arrayBuffer(),
    },
    schema,
    { maxBytes: appConfig().hostileInput.maxJsonBodyBytes, setting: 'WESAD_MAX_JSON_BODY_BYTES' },
  );
}
