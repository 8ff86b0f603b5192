import { describeError } from './describeError.js';

/**
 * A failure's message as clients may read it (a run's `error`): the first line only, since
 * storage errors go on with request ids and hosts with stack traces, and no file system paths
 * of the server. Operators find the whole error in the logs.
 */
export function publicReasonOf(error: unknown): string {
  const firstLine = (describeError(error).split('\n')[0] ?? '').trim();
  return firstLine
    .replace(/(?<=^|[\s'"(=])(?:file:\/\/)?(?:\/[\w.@+-]+){2,}\/?/g, '<path>')
    .replace(/(?<=^|[\s'"(=])[A-Za-z]:\\(?:[\w.@+-]+\\)*[\w.@+-]*/g, '<path>');
}
