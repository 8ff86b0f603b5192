import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppVersion {
  name: string;
  version: string;
}

let cached: AppVersion | undefined;

/**
 * The package's name and version, read from the nearest package.json above this file, which is
 * the app root both in the sources and in the compiled dist/ tree.
 */
export function appVersion(): AppVersion {
  if (cached !== undefined) return cached;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const parsed = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as Partial<AppVersion>;
      if (typeof parsed.name === 'string' && typeof parsed.version === 'string') {
        cached = { name: parsed.name, version: parsed.version };
        return cached;
      }
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('No package.json found above the app code.');
    directory = parent;
  }
}
