import { RestError } from '@azure/storage-blob';
import { ZodError } from 'zod';
import { isWesadInputError, WesadLimitError } from '../wesad/errors.js';
import { describeError } from '../errors/describeError.js';
import { problemResponse, type ProblemKind, type ProblemResponse } from './problem.js';
import { RegistryError, type RegistryErrorKind } from '../registry/registryErrors.js';
import { InvalidContinuationTokenError } from '../tracking/runStore.js';

const registryProblemKinds: Record<RegistryErrorKind, ProblemKind> = {
  'not-found': 'not-found',
  conflict: 'conflict',
  'gate-refused': 'gate-refused',
  invalid: 'validation',
};

/** Thrown by request handling code to answer with a specific problem instead of a 500. */
export class HttpProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers the problem needs, e.g. Retry-After on 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export interface ProblemMapping {
  response: ProblemResponse;
  /** Set when the error is the server's fault and worth an error log line. */
  serverError: string | undefined;
}

/** The one mapping from anything thrown while serving a request to the problem sent back. */
export function problemForError(error: unknown): ProblemMapping {
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
    return { response: problemResponse('validation', error.message), serverError: undefined };
  }
  if (error instanceof RegistryError) {
    return {
      response: problemResponse(registryProblemKinds[error.kind], error.message, error.details),
      serverError: undefined,
    };
  }
  if (error instanceof RestError && (error.statusCode === undefined || error.statusCode >= 500)) {
    return {
      response: problemResponse('storage-unavailable', 'The storage service did not answer; try again.'),
      serverError: describeError(error),
    };
  }
  return { response: problemResponse('internal', 'An unexpected error occurred.'), serverError: describeError(error) };
}
