import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { problemForError } from '../../src/api/problemForError.js';

/**
 * Wraps a handler so that whatever it throws leaves as application/problem+json, logged once
 * (with its stack, under the invocation id the client is given) when it is the server's fault.
 */
export function withProblemResponses(
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error: unknown) {
      // The invocation id is the correlation id: the client quotes it, the log line carries it.
      const { response, serverError } = problemForError(error, context.invocationId);
      if (serverError !== undefined) {
        context.error(
          `${request.method} ${new URL(request.url).pathname} failed [correlation id ${context.invocationId}]: ${serverError}`,
        );
      }
      return response;
    }
  };
}
