/**
 * Continuation tokens come back from clients, so they are checked before they reach the table
 * SDK: @azure/data-tables decodes one as base64 JSON {nextPartitionKey, nextRowKey} and throws
 * a SyntaxError (a 500) on anything else, and would pass odd characters on to the service.
 */

export class InvalidContinuationTokenError extends Error {
  constructor() {
    super('The continuation token is not one this listing issued.');
    this.name = 'InvalidContinuationTokenError';
  }
}

/**
 * The table service's next-partition and next-row markers are opaque but base64-like (Azure:
 * `1!8!UzI-`, Azurite: base64 of the key); nothing else is accepted.
 */
const markerPattern = /^[A-Za-z0-9+/=!*_.-]{1,1024}$/;
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/** Throws InvalidContinuationTokenError unless `token` has the shape of a table continuation token. */
export function checkTableContinuationToken(token: string): void {
  if (!base64Pattern.test(token)) throw new InvalidContinuationTokenError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw new InvalidContinuationTokenError();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidContinuationTokenError();
  const { nextPartitionKey, nextRowKey, ...rest } = parsed as Record<string, unknown>;
  const valid =
    Object.keys(rest).length === 0 &&
    typeof nextPartitionKey === 'string' &&
    markerPattern.test(nextPartitionKey) &&
    (nextRowKey === undefined || (typeof nextRowKey === 'string' && markerPattern.test(nextRowKey)));
  if (!valid) throw new InvalidContinuationTokenError();
}
