import { naturalCompare } from '../naturalOrder.js';
import { InvalidContinuationTokenError } from './continuationTokens.js';

/**
 * One page of a listing in natural order (S2 before S10), which the table service cannot give:
 * its keys sort as text. The matching rows are read whole (lists of uploads and window sets are
 * hundreds of rows, not millions), sorted by `sortKey` and cut after the key in the token, so a
 * page boundary stays put when rows are added meanwhile (keyset paging, not offsets).
 */
export async function naturallySortedPage<T>(
  rows: AsyncIterable<T>,
  sortKey: (row: T) => readonly string[],
  pageSize: number,
  continuationToken: string | undefined,
): Promise<{ items: T[]; continuationToken: string | undefined }> {
  const after = continuationToken === undefined ? undefined : decodeKey(continuationToken);
  const keyed: { key: readonly string[]; row: T }[] = [];
  for await (const row of rows) {
    const key = sortKey(row);
    if (after === undefined || compareKeys(key, after) > 0) keyed.push({ key, row });
  }
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  const page = keyed.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map(({ row }) => row),
    continuationToken: keyed.length > pageSize && last !== undefined ? encodeKey(last.key) : undefined,
  };
}

export function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const order = naturalCompare(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function encodeKey(key: readonly string[]): string {
  return Buffer.from(JSON.stringify({ after: key })).toString('base64url');
}

function decodeKey(token: string): string[] {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (Array.isArray(parsed.after) && parsed.after.every((part) => typeof part === 'string')) {
      return parsed.after;
    }
  } catch {
    // Falls through to the error below: a token this listing did not issue.
  }
  throw new InvalidContinuationTokenError();
}
