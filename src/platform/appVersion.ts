import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppVersion {
  name: string;
  version: string;
  /**
   * The commit the running code was built from, as `npm run build` recorded it in
   * dist/build-info.json (tools/buildInfo.ts); null when the build had no git checkout, or when
   * there was no build (sources run directly).
   */
  gitCommit: string | null;
}

/** Where the build records its commit, relative to the app root (tools/buildInfo.ts writes it). */
export const BUILD_INFO_PATH = 'dist/build-info.json';

let cached: AppVersion | undefined;

/**
 * The package's name and version, read from the nearest package.json above this file, which is
 * the app root both in the sources and in the compiled dist/ tree (and in the deployment
 * package), and the build's commit from that root's dist/build-info.json. Read once.
 */
export function appVersion(): AppVersion {
  if (cached !== undefined) return cached;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const parsed = readJson(path.join(directory, 'package.json')) as Partial<AppVersion> | undefined;
    if (typeof parsed?.name === 'string' && typeof parsed.version === 'string') {
      cached = { name: parsed.name, version: parsed.version, gitCommit: buildCommit(directory) };
      return cached;
    }
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('No package.json found above the app code.');
    directory = parent;
  }
}

/** The commit in `<root>/dist/build-info.json`; null without the file or without a commit in it. */
export function buildCommit(root: string): string | null {
  const file = path.join(root, BUILD_INFO_PATH);
  const info = readJson(file) as { gitCommit?: unknown } | null | undefined;
  if (info === undefined) return null;
  const gitCommit = info?.gitCommit;
  if (gitCommit === null) return null;
  // The build writes a full hash or null; anything else means the file was not written by it.
  if (typeof gitCommit !== 'string' || !/^[0-9a-f]{40}$/.test(gitCommit))
    throw new Error(`${file}: gitCommit must be 40 hex digits or null.`);
  return gitCommit;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
