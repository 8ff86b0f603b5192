import {
  checkTableContinuationToken,
  InvalidContinuationTokenError,
} from '../../platform/storage/continuationTokens.js';

/** Paging tokens of run search; every token comes back from a client, so each is checked. */

/** An ordered listing's position: how many matches came before the page. */
export function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function decodeOffset(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0)
      return parsed.offset;
  } catch {
    // Falls through to the error below: a token this store did not issue.
  }
  throw new InvalidContinuationTokenError();
}

/**
 * An unordered listing's position: the keys of the next row, in the shape of the table service's
 * token ({nextPartitionKey, nextRowKey}, base64 JSON, the markers base64 of the keys as Azurite
 * writes them), so it passes the same check (continuationTokens.ts) as a token the service issued.
 */
export function encodeKeyToken(partitionKey: string, rowKey: string): string {
  const marker = (key: string): string => Buffer.from(key, 'utf8').toString('base64');
  return Buffer.from(
    JSON.stringify({ nextPartitionKey: marker(partitionKey), nextRowKey: marker(rowKey) }),
    'utf8',
  ).toString('base64');
}

export function decodeKeyToken(token: string): { partitionKey: string; rowKey: string } {
  checkTableContinuationToken(token);
  const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
    nextPartitionKey: string;
    nextRowKey?: string;
  };
  return { partitionKey: keyOf(parsed.nextPartitionKey), rowKey: keyOf(parsed.nextRowKey ?? '') };
}

/** A marker's key; a marker that is not the canonical base64 of a key was not issued here. */
function keyOf(marker: string): string {
  const key = Buffer.from(marker, 'base64').toString('utf8');
  if (Buffer.from(key, 'utf8').toString('base64') !== marker) throw new InvalidContinuationTokenError();
  return key;
}
