import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { problemForError } from '../../src/api/problemForError.js';

/**
 * Wraps a handler so that whatever it throws leaves as application/problem+json, logged once
 * with the invocation's correlation when it is the server's fault.
 */
export function withProblemResponses(
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error: unknown) {
      const { response, serverError } = problemForError(error);
      if (serverError !== undefined)
        context.error(`${request.method} ${new URL(request.url).pathname} failed: ${serverError}`);
      return response;
    }
  };
}
