import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** One Event Grid subscription from the storage account to a function, as infra/ deploys it. */
export interface BlobEventSubscription {
  function: string;
  container: string;
  eventTypes: string[];
}

export const eventSubscriptionsFile = 'infra/eventSubscriptions.json';

const fileSchema = z.object({
  blobEvents: z.array(
    z.object({
      function: z.string().min(1),
      container: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/),
      eventTypes: z.array(z.literal('Microsoft.Storage.BlobCreated')).min(1),
    }),
  ),
});

/**
 * The subscriptions the app declares in infra/eventSubscriptions.json (none when the file is
 * absent). The local host delivers BlobCreated events for them from its container scan, which
 * is what the Event Grid subscriptions deployed by infra/ do in Azure.
 */
export async function readBlobEventSubscriptions(appRoot: string): Promise<BlobEventSubscription[]> {
  const file = path.join(appRoot, eventSubscriptionsFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = fileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not valid: ${parsed.error.message}`);
  return parsed.data.blobEvents;
}
