import { z } from 'zod';
import { parseQuery } from './requestParts.js';

export const pageQuery = z.object({
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
  continuationToken: z.string().min(1).max(2048).optional(),
});

export interface PageRequest {
  pageSize: number;
  continuationToken?: string | undefined;
}

export interface Page<T> {
  items: T[];
  continuationToken: string | null;
  /** The URL of the next page, or null on the last one. */
  next: string | null;
}

/** Reads `pageSize` and `continuationToken` from a query string; bad values are a 422 problem. */
export function pageRequestOf(query: URLSearchParams): PageRequest {
  return parseQuery(query, pageQuery);
}

export function pageOf<T>(requestUrl: string, items: T[], continuationToken: string | undefined): Page<T> {
  if (continuationToken === undefined) return { items, continuationToken: null, next: null };
  const next = new URL(requestUrl);
  next.searchParams.set('continuationToken', continuationToken);
  return { items, continuationToken, next: next.href };
}

/**
 * pageOf's page as JSON text, from items already serialised (JSON.stringify of each): the same
 * text JSON.stringify(pageOf(…)) gives, without serialising the items again.
 */
export function pageJsonOf(
  requestUrl: string,
  itemsJson: readonly string[],
  continuationToken: string | undefined,
): string {
  const { continuationToken: token, next } = pageOf(requestUrl, [], continuationToken);
  return `{"items":[${itemsJson.join(',')}],"continuationToken":${JSON.stringify(token)},"next":${JSON.stringify(next)}}`;
}
