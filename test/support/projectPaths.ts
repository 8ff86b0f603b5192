import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file with a package.json (from src or dist). */
export const projectRoot = ((): string => {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('package.json not found above the test support code');
    directory = parent;
  }
  return directory;
})();

/** ../shared beside the repository, where CI and every developer have it (WESAD_SHARED_DIR overrides). */
export const sharedDirectory = process.env.WESAD_SHARED_DIR ?? path.resolve(projectRoot, '../shared');

export const wesadFixtures = path.join(sharedDirectory, 'fixtures/wesad');
