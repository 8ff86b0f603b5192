import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports every entry file named by package.json `main`, which may be a glob as the worker
 * allows. Patterns here may use `*` within the file name only, which is what this app uses.
 */
export async function loadAppEntryPoints(appRoot: string): Promise<string[]> {
  const packageJson = JSON.parse(await readFile(path.join(appRoot, 'package.json'), 'utf8')) as { main?: unknown };
  if (typeof packageJson.main !== 'string' || packageJson.main === '') {
    throw new Error(`package.json in ${appRoot} has no "main" naming the function entry points.`);
  }
  const files = await expandMainPattern(appRoot, packageJson.main);
  if (files.length === 0)
    throw new Error(`package.json "main" (${packageJson.main}) matches no file: run "npm run build".`);
  for (const file of files) {
    await import(pathToFileURL(file).href);
  }
  return files;
}

async function expandMainPattern(appRoot: string, pattern: string): Promise<string[]> {
  const directory = path.resolve(appRoot, path.dirname(pattern));
  const fileGlob = path.basename(pattern);
  if (directory.includes('*')) throw new Error(`Only file-name globs are supported in "main": ${pattern}`);
  if (!fileGlob.includes('*')) return [path.join(directory, fileGlob)];
  const matcher = new RegExp(`^${fileGlob.split('*').map(escapeRegExp).join('[^/]*')}$`);
  const entries = await readdir(directory);
  return entries
    .filter((name) => matcher.test(name))
    .sort()
    .map((name) => path.join(directory, name));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
