import { z } from 'zod';
import type { Expect, SameShape } from '../schema/sameShape.js';
import type { Page } from './paging.js';

/** The body of every paged list (pageOf in paging.ts): the items, the token and the next page's URL. */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    continuationToken: z.string().nullable(),
    next: z.string().nullable().describe('The URL of the next page, or null on the last one'),
  });
}

type _Matches = Expect<
  SameShape<Page<{ id: string }>, z.output<ReturnType<typeof pageSchema<z.ZodObject<{ id: z.ZodString }>>>>>
>;
