import { pageQuery } from '../../api/requestSchemas.js';
import { parseQuery } from './requestParts.js';

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
