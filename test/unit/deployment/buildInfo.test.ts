import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommit } from '../../../src/platform/appVersion.js';
import { NOT_FROM_GIT, buildInfoOf } from '../../../tools/buildInfo.js';
import { projectRoot } from '../../support/projectPaths.js';

/**
 * The commit is recorded when the app is built, not looked up when it runs: the build's writer
 * (dist/tools/buildInfo.js, as `npm run build` runs it) on a git checkout, on a tarball's tree
 * without .git, and on a folder inside someone else's checkout; and the app's reader of the file.
 */
const run = promisify(execFile);
// No user or system git configuration plays a part; commits get a fixed author.
const gitEnvironment = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};
const git = async (cwd: string, ...args: string[]): Promise<string> =>
  (await run('git', args, { cwd, env: gitEnvironment })).stdout.trim();

let work: string;

/** A built app's tree as a tarball unpacks it: package.json and the build-info writer, no .git. */
async function unpackedTree(name: string): Promise<string> {
  const root = path.join(work, name);
  await mkdir(path.join(root, 'dist/tools'), { recursive: true });
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'unpacked', version: '1.2.3' }));
  await copyFile(path.join(projectRoot, 'dist/tools/buildInfo.js'), path.join(root, 'dist/tools/buildInfo.js'));
  return root;
}

async function build(root: string): Promise<unknown> {
  await run(process.execPath, [path.join(root, 'dist/tools/buildInfo.js')], { cwd: root, env: gitEnvironment });
  return JSON.parse(await readFile(path.join(root, 'dist/build-info.json'), 'utf8')) as unknown;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'wesad-build-info-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the commit recorded at build time', () => {
  it('is HEAD of the checkout the project is built from', async () => {
    const head = await git(projectRoot, 'rev-parse', 'HEAD');
    expect(await buildInfoOf(projectRoot)).toEqual({ gitCommit: head });
  });

  it('is unknown, and says so, for a tree without .git (a tarball), and the app reads it as null', async () => {
    const root = await unpackedTree('tarball');
    expect(await build(root)).toEqual({ gitCommit: null, gitCommitNote: NOT_FROM_GIT });
    expect(buildCommit(root)).toBeNull();
  });

  it('is the commit of a checkout of its own, and the app reads it', async () => {
    const root = await unpackedTree('clone');
    await git(root, 'init', '--quiet');
    await git(root, 'add', 'package.json');
    await git(root, 'commit', '--quiet', '-m', 'first');
    const head = await git(root, 'rev-parse', 'HEAD');
    expect(await build(root)).toEqual({ gitCommit: head });
    expect(buildCommit(root)).toBe(head);
  });

  it("is not the enclosing repository's commit when the tree is unpacked inside another checkout", async () => {
    const outer = path.join(work, 'outer');
    await mkdir(outer);
    await git(outer, 'init', '--quiet');
    await writeFile(path.join(outer, 'README'), 'outer');
    await git(outer, 'add', 'README');
    await git(outer, 'commit', '--quiet', '-m', 'outer');
    await mkdir(path.join(outer, 'inner'));
    const root = await unpackedTree('outer/inner');
    expect(await build(root)).toEqual({ gitCommit: null, gitCommitNote: NOT_FROM_GIT });
  });

  it('is null without a build, and a file the build did not write is refused', async () => {
    const root = await mkdtemp(path.join(work, 'unbuilt-'));
    expect(buildCommit(root)).toBeNull();
    await mkdir(path.join(root, 'dist'));
    await writeFile(path.join(root, 'dist/build-info.json'), JSON.stringify({ gitCommit: 'main' }));
    expect(() => buildCommit(root)).toThrow(/40 hex digits or null/);
  });
});
