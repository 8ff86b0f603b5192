import type { TableEntityResult, TableEntityResultPage } from '@azure/data-tables';
import type { PagedAsyncIterableIterator } from '@azure/core-paging';
import { checkTableContinuationToken } from './continuationTokens.js';

export interface TablePage<T> {
  items: TableEntityResult<T>[];
  continuationToken: string | undefined;
}

/** One page of a table query and the service's token for the next, for list endpoints. */
export async function tablePage<T extends object>(
  entities: PagedAsyncIterableIterator<TableEntityResult<T>, TableEntityResultPage<T>>,
  pageSize: number,
  continuationToken: string | undefined,
): Promise<TablePage<T>> {
  if (continuationToken !== undefined) checkTableContinuationToken(continuationToken);
  const pages = entities.byPage({
    maxPageSize: pageSize,
    ...(continuationToken === undefined ? {} : { continuationToken }),
  });
  const result: IteratorResult<TableEntityResultPage<T>> = await pages.next();
  if (result.done === true) return { items: [], continuationToken: undefined };
  return { items: [...result.value], continuationToken: result.value.continuationToken };
}
