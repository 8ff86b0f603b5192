import { RestError } from '@azure/storage-blob';
import { ZodError } from 'zod';
import { isWesadInputError, WesadLimitError } from '../domain/wesad/errors.js';
import { problemResponse, type ProblemKind, type ProblemResponse } from '../platform/http/problem.js';
import { HttpProblem } from '../platform/http/httpProblem.js';
import { RegistryError, type RegistryErrorKind } from '../domain/registry/registryErrors.js';
import { InvalidContinuationTokenError } from '../platform/storage/continuationTokens.js';
import { errorForLog } from '../platform/errors/clientError.js';

const registryProblemKinds: Record<RegistryErrorKind, ProblemKind> = {
  'not-found': 'not-found',
  conflict: 'conflict',
  'gate-refused': 'gate-refused',
  invalid: 'validation',
  forbidden: 'forbidden',
};

export interface ProblemMapping {
  response: ProblemResponse;
  /** Set when the error is the server's fault and worth an error log line. */
  serverError: string | undefined;
}

/**
 * The one mapping from anything thrown while serving a request to the problem sent back. A
 * server-side failure answers a sentence and `correlationId` (the invocation's id); the full
 * error, stack included, is only for the log line that carries the same id.
 */
export function problemForError(error: unknown, correlationId?: string): ProblemMapping {
  if (error instanceof HttpProblem) {
    return {
      response: problemResponse(error.kind, error.detail, error.extensions, error.headers),
      serverError: undefined,
    };
  }
  if (error instanceof WesadLimitError) {
    // Passing a configured bound is not a malformed request: 413, naming the limit.
    return {
      response: problemResponse('payload-too-large', error.message, { code: error.code, limit: error.limit }),
      serverError: undefined,
    };
  }
  if (isWesadInputError(error)) {
    return { response: problemResponse('validation', error.message, { code: error.code }), serverError: undefined };
  }
  if (error instanceof ZodError) {
    return {
      response: problemResponse('validation', 'The request is not valid.', {
        errors: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      }),
      serverError: undefined,
    };
  }
  if (error instanceof InvalidContinuationTokenError) {
    return {
      response: problemResponse('bad-request', error.message, { parameter: 'continuationToken' }),
      serverError: undefined,
    };
  }
  if (error instanceof RegistryError) {
    return {
      response: problemResponse(registryProblemKinds[error.kind], error.message, error.details),
      serverError: undefined,
    };
  }
  const correlation = correlationId === undefined ? {} : { correlationId };
  const quote = correlationId === undefined ? '' : ` Quote correlation id ${correlationId} when reporting it.`;
  if (error instanceof RestError && (error.statusCode === undefined || error.statusCode >= 500)) {
    return {
      response: problemResponse(
        'storage-unavailable',
        `The storage service did not answer; try again.${quote}`,
        correlation,
      ),
      serverError: errorForLog(error),
    };
  }
  return {
    response: problemResponse('internal', `An unexpected error occurred.${quote}`, correlation),
    serverError: errorForLog(error),
  };
}
