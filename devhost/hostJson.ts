import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** The parts of host.json the local host honours. */
export interface HostJsonSettings {
  routePrefix: string;
  poisonBlobThreshold: number;
  durableHubName: string;
}

const hostJsonSchema = z.object({
  version: z.literal('2.0'),
  extensions: z
    .object({
      http: z.object({ routePrefix: z.string().optional() }).optional(),
      blobs: z.object({ poisonBlobThreshold: z.number().int().min(1).optional() }).optional(),
      durableTask: z.object({ hubName: z.string().min(1).optional() }).optional(),
    })
    .optional(),
});

export async function readHostJson(appRoot: string): Promise<HostJsonSettings> {
  const file = path.join(appRoot, 'host.json');
  const parsed = hostJsonSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not valid: ${parsed.error.message}`);
  const extensions = parsed.data.extensions;
  return {
    routePrefix: extensions?.http?.routePrefix ?? 'api',
    poisonBlobThreshold: extensions?.blobs?.poisonBlobThreshold ?? 5,
    durableHubName: extensions?.durableTask?.hubName ?? 'TestHubName',
  };
}
