import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { copyFile, cp, lstat, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Zip, ZipDeflate } from 'fflate';
import { bundleFunctions, type BundleSummary } from './bundleApp.js';

/**
 * `npm run package`: the deployment zip, built from an allow-list rather than by ignoring files
 * (a `.funcignore` uses gitignore syntax, where an unanchored `src/` also drops `dist/src/` and
 * every `node_modules/** /src/`). What ships:
 *
 * - `dist/functions`, `dist/src`, `dist/kernels/*.wasm` of the build (no source maps),
 *   `dist/studio`, the studio's page, script and style sheet (tools/buildStudio.ts), and
 *   `dist/build-info.json`, the commit the build recorded (tools/buildInfo.ts);
 * - `host.json` and `package.json` (its `main` names the entry points the Node.js worker loads);
 * - `node_modules` with the production dependencies only, installed from the lockfile into the
 *   staged folder (`npm ci --omit=dev --omit=optional`), so nothing from the developer's
 *   node_modules (dev tools, the Node 22 binary, tfjs-node's native build) can slip in; without
 *   the files Node.js never loads (neverLoaded).
 *
 * The function entry points are then bundled into one module, `dist/functions/app.js`, for the
 * cold start (bundleApp.ts); `--no-bundle` ships them as built.
 *
 * The staged folder `<out>/wesad-mlops/` is what azure.yaml deploys (`dist:`), and
 * `<out>/wesad-mlops.zip` the same files as one zip, for `az functionapp deployment source
 * config-zip` ("Zip deployment for Azure Functions", deployment-zip-push). Entries are sorted and
 * dated alike, so the same tree gives the same zip.
 */

const appName = 'wesad-mlops';
/** Zip entries carry one fixed time (DOS dates start in 1980; noon UTC stays in range in any time zone). */
const entryTime = new Date('2000-01-01T12:00:00Z');
/** Unix regular file, rw-r--r--, in the upper half of the external attributes (made by: Unix). */
const fileAttributes = 0o100644 * 0x10000;

const projectRoot = ((): string => {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('package.json not found above the packager');
    directory = parent;
  }
  return directory;
})();

export interface PackageSummary {
  zip: string;
  stage: string;
  zipBytes: number;
  files: number;
  uncompressedBytes: number;
  /** npm packages in node_modules (each folder with a package.json naming a package). */
  packages: number;
  /** JavaScript files (.js, .cjs, .mjs) in the package, the app's and its dependencies'. */
  javascriptFiles: number;
  /** The function entry points' bundle; undefined when packaged without one. */
  bundle: BundleSummary | undefined;
}

export interface PackageOptions {
  /** Bundle the function entry points into one module (default true). */
  bundle?: boolean;
}

async function run(command: string, args: string[], cwd: string): Promise<void> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${String(code)}`);
}

/** npm as the running npm script was started with, else the one on PATH. */
function npmCommand(args: string[]): [string, string[]] {
  const npmCli = process.env.npm_execpath;
  return npmCli?.endsWith('.js') === true ? [process.execPath, [npmCli, ...args]] : ['npm', args];
}

/**
 * Files of the installed packages that Node.js never loads at run time: command shims (symbolic
 * links in .bin), source maps (read only with --enable-source-maps; more than half the bytes of
 * node_modules), type declarations and TypeScript sources, compiler build info.
 */
function neverLoaded(file: string): boolean {
  const name = path.basename(file);
  return name === '.bin' || /\.(map|ts|cts|mts|tsbuildinfo)$/.test(name);
}

/** Installs the production dependencies of the lockfile into `stage/node_modules`, then prunes them. */
async function installProductionDependencies(stage: string): Promise<void> {
  const lockfile = path.join(stage, 'package-lock.json');
  await copyFile(path.join(projectRoot, 'package-lock.json'), lockfile);
  const [command, args] = npmCommand([
    'ci',
    '--omit=dev',
    '--omit=optional',
    // Nothing of the production tree needs an install script; none may run on the build machine.
    '--ignore-scripts',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
  ]);
  await run(command, args, stage);
  await rm(lockfile);
  await rm(path.join(stage, 'node_modules/.package-lock.json'), { force: true });
  await prune(path.join(stage, 'node_modules'));
}

/** Deletes what neverLoaded names under `directory`. */
async function prune(directory: string): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (neverLoaded(file)) await rm(file, { recursive: true, force: true });
    else if (entry.isDirectory()) await prune(file);
  }
}

/** Copies `from` (relative to the project) into the stage, keeping only the files `keep` accepts. */
async function copyBuilt(stage: string, from: string, keep: (file: string) => boolean): Promise<void> {
  const source = path.join(projectRoot, from);
  if (!existsSync(source)) throw new Error(`${from} is missing: run "npm run build" first.`);
  await cp(source, path.join(stage, from), {
    recursive: true,
    filter: async (file) => (await stat(file)).isDirectory() || keep(file),
  });
}

/** Every file under `root`, relative with forward slashes, sorted. Symbolic links are refused. */
async function filesUnder(root: string, relative = ''): Promise<string[]> {
  const entries = (await readdir(path.join(root, relative))).sort();
  const files: string[] = [];
  for (const name of entries) {
    const entry = relative === '' ? name : `${relative}/${name}`;
    const info = await lstat(path.join(root, entry));
    if (info.isSymbolicLink()) throw new Error(`${entry} is a symbolic link; the package holds files only.`);
    if (info.isDirectory()) files.push(...(await filesUnder(root, entry)));
    else files.push(entry);
  }
  return files;
}

async function writeZip(stage: string, files: readonly string[], zipPath: string): Promise<void> {
  const output = createWriteStream(zipPath);
  const finished = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve);
    output.on('error', reject);
  });
  const state: { failure: Error | undefined } = { failure: undefined };
  const zip = new Zip((error, chunk, final) => {
    if (error !== null) {
      state.failure = error;
      output.destroy(error);
      return;
    }
    output.write(chunk);
    if (final) output.end();
  });
  for (const file of files) {
    const entry = new ZipDeflate(file, { level: 6 });
    entry.mtime = entryTime;
    entry.os = 3;
    entry.attrs = fileAttributes;
    zip.add(entry);
    entry.push(await readFile(path.join(stage, file)), true);
    if (state.failure !== undefined) throw state.failure;
  }
  zip.end();
  await finished;
}

export async function packageApp(outDirectory: string, options: PackageOptions = {}): Promise<PackageSummary> {
  const stage = path.join(outDirectory, appName);
  const zipPath = path.join(outDirectory, `${appName}.zip`);
  await rm(stage, { recursive: true, force: true });
  await rm(zipPath, { force: true });
  await mkdir(stage, { recursive: true });

  const notMap = (file: string): boolean => !file.endsWith('.map') && !file.endsWith('.d.ts');
  await copyBuilt(stage, 'dist/functions', notMap);
  await copyBuilt(stage, 'dist/src', notMap);
  await copyBuilt(stage, 'dist/kernels', (file) => file.endsWith('.wasm'));
  await copyBuilt(stage, 'dist/build-info.json', () => true);
  // The studio's page, script and style sheet (tools/buildStudio.ts), served by the studio route.
  await copyBuilt(stage, 'dist/studio', notMap);
  await copyFile(path.join(projectRoot, 'host.json'), path.join(stage, 'host.json'));
  await copyFile(path.join(projectRoot, 'package.json'), path.join(stage, 'package.json'));
  await installProductionDependencies(stage);
  const bundle = options.bundle === false ? undefined : await bundleFunctions(stage);

  const files = await filesUnder(stage);
  await writeZip(stage, files, zipPath);
  let uncompressedBytes = 0;
  for (const file of files) uncompressedBytes += (await stat(path.join(stage, file))).size;
  return {
    zip: zipPath,
    stage,
    zipBytes: (await stat(zipPath)).size,
    files: files.length,
    uncompressedBytes,
    packages: files.filter((file) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(file)).length,
    javascriptFiles: files.filter((file) => /\.(c|m)?js$/.test(file)).length,
    bundle,
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'no-bundle': { type: 'boolean', default: false } },
  });
  const summary = await packageApp(path.resolve(values.out ?? path.join(projectRoot, '.package')), {
    bundle: !values['no-bundle'],
  });
  console.log(JSON.stringify(summary, null, 2));
}
