import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const localSettingsSchema = z.object({
  IsEncrypted: z.boolean().optional(),
  Values: z.record(z.string(), z.string()).default({}),
});

export interface LoadedSettings {
  /** The file read, or undefined when neither local.settings.json nor the sample exists. */
  file: string | undefined;
  applied: string[];
}

/**
 * Puts local.settings.json `Values` into the process environment, as Core Tools does. A variable
 * already set in the environment wins, so a shell or a test can override one setting. Without a
 * local.settings.json the committed sample is used, so a fresh clone runs as it is.
 */
export async function applyLocalSettings(appRoot: string, environment: NodeJS.ProcessEnv): Promise<LoadedSettings> {
  for (const name of ['local.settings.json', 'local.settings.sample.json']) {
    const file = path.join(appRoot, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const parsed = localSettingsSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${file} is not valid: ${parsed.error.message}`);
    if (parsed.data.IsEncrypted === true)
      throw new Error(`${file} is encrypted; the local host reads plain settings only.`);
    const applied: string[] = [];
    for (const [key, value] of Object.entries(parsed.data.Values)) {
      if (environment[key] !== undefined) continue;
      environment[key] = value;
      applied.push(key);
    }
    return { file, applied };
  }
  return { file: undefined, applied: [] };
}
