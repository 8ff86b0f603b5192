import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Part of `npm run build`: writes dist/build-info.json with the commit the tree was built from, so
 * a run records its code even where no .git exists at run time (a deployment package, a copy).
 * The app reads the file once (src/platform/appVersion.ts). Built from a tarball or any folder
 * that is not the top of a git checkout, the commit is null and the note says why, rather than
 * the commit of whatever repository happens to enclose the folder.
 */

export const BUILD_INFO_FILE = 'dist/build-info.json';
export const NOT_FROM_GIT = 'unknown (not built from a git checkout)';

export interface BuildInfo {
  /** The full commit hash (40 hex digits), or null when the build had none. */
  gitCommit: string | null;
  /** Why gitCommit is null; absent when it is set. */
  gitCommitNote?: string;
}

const run = promisify(execFile);

/** `git rev-parse HEAD` of `root` when `root` is the top level of a git work tree with a commit. */
export async function gitCommitOf(root: string): Promise<string | null> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel', 'HEAD'], { cwd: root });
    const [topLevel, commit] = stdout.trim().split('\n');
    if (topLevel === undefined || commit === undefined || !/^[0-9a-f]{40}$/.test(commit)) return null;
    // A folder inside another checkout (an unpacked tarball under someone's repository) is not
    // built from that checkout's HEAD.
    return (await realpath(topLevel)) === (await realpath(root)) ? commit : null;
  } catch {
    // No git installed, not a repository, or a repository without commits.
    return null;
  }
}

export async function buildInfoOf(root: string): Promise<BuildInfo> {
  const gitCommit = await gitCommitOf(root);
  return gitCommit === null ? { gitCommit, gitCommitNote: NOT_FROM_GIT } : { gitCommit };
}

function projectRootAbove(file: string): string {
  let directory = path.dirname(file);
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('package.json not found above the build-info writer');
    directory = parent;
  }
  return directory;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = projectRootAbove(fileURLToPath(import.meta.url));
  const info = await buildInfoOf(root);
  await writeFile(path.join(root, BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
  console.log(`${BUILD_INFO_FILE}: commit ${info.gitCommit ?? NOT_FROM_GIT}`);
}
