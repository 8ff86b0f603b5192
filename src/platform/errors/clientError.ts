import { createHash } from 'node:crypto';
import { describeError } from './describeError.js';

/**
 * What a client may see of a server-side failure: one sentence and a correlation id; the full
 * error (message, stack, causes) goes to the log under the same id. Stack frames and server paths
 * say how the server is built and where it lives, which is an attacker's map, not a client's help.
 */
export interface ClientFailure {
  /** The sentence, ending with the correlation id. */
  message: string;
  correlationId: string;
  /** Everything known about the error, for the log only. */
  detail: string;
}

const longestSentence = 300;

/** Absolute POSIX and Windows paths and file URLs, wherever they sit in a message. */
const serverPaths = /(^|[\s'"`(=])(?:file:\/\/)?(?:[A-Za-z]:\\[^\s'"`]+|\/(?:[^\s/'"`():]+\/)+[^\s'"`():]*)/g;

/** The first line of a message with paths replaced and its length bounded: nothing past it is a client's business. */
export function clientSentence(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0]?.trim() ?? '';
  const redacted = firstLine.replace(serverPaths, '$1<path>');
  const sentence = redacted.length > longestSentence ? `${redacted.slice(0, longestSentence - 1)}…` : redacted;
  return sentence === '' ? 'The server failed.' : sentence;
}

/** The error as a log line wants it: the stack (which starts with the message) and any causes. */
export function errorForLog(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? describeError(current)) : describeError(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\ncaused by: ');
}

/**
 * A deterministic correlation id for a failure of `subject` (e.g. a run id): the same failure
 * replayed by an orchestration gets the same id, so the log line and the stored record agree.
 */
export function correlationIdFor(subject: string, detail: string): string {
  return createHash('sha256').update(subject).update('\n').update(detail).digest('hex').slice(0, 20);
}

export function clientFailure(error: unknown, correlationId: string): ClientFailure {
  const detail = errorForLog(error);
  return {
    message: `${clientSentence(describeError(error))} (correlation id ${correlationId})`,
    correlationId,
    detail,
  };
}
