import { RestError } from '@azure/storage-blob';

/**
 * Whether running a failed step again could succeed. Durable activity retries are for
 * transient faults (a storage 503, a dropped connection); a missing subject, undecodable data
 * or a cancelled run fails the same way every time, so retrying only delays the outcome.
 */
export type FailureKind = 'transient' | 'permanent' | 'cancelled';

/** A fault known to pass: retry. */
export class TransientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransientError';
  }
}

/** A fault that repeats on every attempt: do not retry. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

/** The run was cancelled meanwhile: stop, and leave it cancelled. */
export class RunCancelledError extends PermanentError {
  constructor(message: string) {
    super(message);
    this.name = 'RunCancelledError';
  }

  static of(runId: string): RunCancelledError {
    return new RunCancelledError(`Run ${runId} was cancelled.`);
  }
}

/**
 * Storage answers worth another attempt: those the Azure SDK's own retry policy retries (408,
 * 429 and 5xx but 501 and 505; @typespec/ts-http-runtime exponentialRetryStrategy and
 * throttlingRetryStrategy), and conflicts with a concurrent change (a container being deleted,
 * an ETag race that outlasted the store's own retries).
 */
function isTransientStatus(status: number): boolean {
  return [408, 409, 412, 429].includes(status) || (status >= 500 && status !== 501 && status !== 505);
}

/** Network faults Node.js reports by code: the request may well succeed next time. */
const transientCodes: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'REQUEST_SEND_ERROR',
]);

export function failureKindOf(error: unknown): FailureKind {
  if (error instanceof RunCancelledError) return 'cancelled';
  if (error instanceof PermanentError) return 'permanent';
  if (error instanceof TransientError) return 'transient';
  if (error instanceof RestError) {
    // No status: the request never got an answer (connection refused or reset, timeout).
    return error.statusCode === undefined || isTransientStatus(error.statusCode) ? 'transient' : 'permanent';
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && transientCodes.has(code)) return 'transient';
    if (error.name === 'AbortError' || error.name === 'TimeoutError') return 'transient';
  }
  return 'permanent';
}

/** The error of a kind again, where only its kind and message crossed a boundary (a worker thread). */
export function errorOfKind(kind: FailureKind, message: string): Error {
  if (kind === 'transient') return new TransientError(message);
  return kind === 'cancelled' ? new RunCancelledError(message) : new PermanentError(message);
}
