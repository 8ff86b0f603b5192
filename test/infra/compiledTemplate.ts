/**
 * Finds the real Bicep compiler, compiles infra/ once per source hash (cached in the temp directory, shared by
 * the test files running in parallel) and lists the templates (the root and each module's nested deployment)
 * of the compiled ARM JSON. What a template deploys is evaluated by arm/deployment.ts.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Value, ValueObject } from './arm/values.js';

const execFileAsync = promisify(execFile);

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const infraDir = join(repoRoot, 'infra');
export const mainBicep = join(infraDir, 'main.bicep');

/** The version tools/bicep/bicep-restore.csproj restores. */
export const expectedBicepVersion = '0.49.2';
const nugetPackageId = 'azure.bicep.commandline.linux-x64';

const howToGetIt = [
  '',
  '================================================================================',
  ' The Bicep compiler was not found, so the infrastructure tests cannot run.',
  ' They look at, in order: $BICEP_PATH, `bicep` on $PATH, and the NuGet cache',
  ` ($NUGET_PACKAGES or ~/.nuget/packages)/${nugetPackageId}/<version>/tools/bicep.`,
  ' Get it with:   bash tools/bicep/restore.sh',
  ' (runs `dotnet restore tools/bicep/bicep-restore.csproj` and prints the path),',
  ' or point BICEP_PATH at an existing bicep binary.',
  '================================================================================',
].join('\n');

export class BicepNotFoundError extends Error {
  constructor(detail: string) {
    super(
      `${detail}\n${howToGetIt}${process.env.CI ? '\n (CI is set: .ci/run must restore the compiler first.)' : ''}`,
    );
    this.name = 'BicepNotFoundError';
  }
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Candidate binaries in the NuGet cache, the pinned version first, then the newest. */
function nugetCandidates(): string[] {
  const root = join(process.env.NUGET_PACKAGES ?? join(homedir(), '.nuget', 'packages'), nugetPackageId);
  if (!existsSync(root)) return [];
  const versions = readdirSync(root).sort((a, b) => {
    if (a === expectedBicepVersion) return -1;
    if (b === expectedBicepVersion) return 1;
    return compareVersions(b, a);
  });
  return versions.map((version) => join(root, version, 'tools', 'bicep'));
}

/** Path of the Bicep binary, or a BicepNotFoundError that explains how to get it. */
export function findBicep(): string {
  const fromEnv = process.env.BICEP_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new BicepNotFoundError(`BICEP_PATH is set to "${fromEnv}", which is not an executable file.`);
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'bicep');
    if (isExecutable(candidate)) return candidate;
  }
  for (const candidate of nugetCandidates()) {
    if (isExecutable(candidate)) return candidate;
    if (existsSync(candidate)) {
      throw new BicepNotFoundError(
        `${candidate} exists but is not executable (chmod +x it, or rerun the restore script).`,
      );
    }
  }
  throw new BicepNotFoundError('No bicep binary in BICEP_PATH, PATH or the NuGet cache.');
}

export interface BicepRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

function errorField(error: unknown, field: string): unknown {
  return typeof error === 'object' && error !== null && field in error
    ? (error as Record<string, unknown>)[field]
    : undefined;
}

/** Runs bicep with the given arguments; a non-zero exit is returned, not thrown. */
export async function runBicep(args: readonly string[]): Promise<BicepRun> {
  const bicep = findBicep();
  try {
    const { stdout, stderr } = await execFileAsync(bicep, [...args], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', BICEP_TRACING_ENABLED: 'false' },
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error: unknown) {
    const code = errorField(error, 'code');
    if (typeof code !== 'number') throw error;
    const stdout = errorField(error, 'stdout');
    const stderr = errorField(error, 'stderr');
    return {
      exitCode: code,
      stdout: typeof stdout === 'string' ? stdout : '',
      stderr: typeof stderr === 'string' ? stderr : '',
    };
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files.sort();
}

/** Hash of every file under infra/ and of the compiler's path, so any edit or compiler change recompiles. */
async function sourceHash(bicep: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(bicep);
  hash.update(String(statSync(bicep).size));
  for (const file of await listFiles(infraDir)) {
    hash.update(relative(infraDir, file));
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * Produces `name` in the cache directory of the current sources once: the first test file to ask takes a lock
 * (an exclusive mkdir), the others wait for the result instead of compiling the same thing again.
 */
async function cached(name: string, produce: () => Promise<string>): Promise<string> {
  const bicep = findBicep();
  const dir = join(tmpdir(), 'wesad-mlops-bicep', await sourceHash(bicep));
  const target = join(dir, name);
  const lock = `${target}.lock`;
  await mkdir(dir, { recursive: true });
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (existsSync(target)) return readFile(target, 'utf8');
    try {
      await mkdir(lock);
    } catch (error: unknown) {
      if (errorField(error, 'code') !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 180_000) await rm(lock, { recursive: true, force: true });
      await sleep(100);
      continue;
    }
    try {
      const content = await produce();
      const temp = `${target}.${String(process.pid)}.tmp`;
      await writeFile(temp, content);
      await rename(temp, target);
      return content;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
  throw new Error(`Timed out waiting for another test process to produce ${target}`);
}

// Parsed JSON is typed as the evaluator's values (a superset): one recursive type family, because
// typescript-eslint's no-unsafe-class-instance-assignment recurses forever when assigning one family to another.
export type Json = Value;
export type JsonObject = ValueObject;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseObject(text: string, what: string): JsonObject {
  const parsed: unknown = JSON.parse(text);
  if (!isObject(parsed)) throw new Error(`${what} is not a JSON object`);
  return parsed;
}

/** `bicep build infra/main.bicep`; throws with the compiler output when the build fails or warns. */
export async function compileMain(): Promise<JsonObject> {
  const text = await cached('main.json', async () => {
    const run = await runBicep(['build', mainBicep, '--stdout']);
    if (run.exitCode !== 0) throw new Error(`bicep build failed (${String(run.exitCode)}):\n${run.stderr}`);
    if (run.stderr.trim() !== '') throw new Error(`bicep build emitted diagnostics:\n${run.stderr}`);
    return run.stdout;
  });
  return parseObject(text, 'compiled main.bicep');
}

/** `bicep build-params` of a .bicepparam file under infra/ (checks types, allowed values and required params). */
export async function compileParams(bicepparamFile: string): Promise<JsonObject> {
  const text = await cached(`${bicepparamFile}.json`, async () => {
    const run = await runBicep(['build-params', join(infraDir, bicepparamFile), '--stdout']);
    if (run.exitCode !== 0) throw new Error(`bicep build-params ${bicepparamFile} failed:\n${run.stderr}`);
    if (run.stderr.trim() !== '')
      throw new Error(`bicep build-params ${bicepparamFile} emitted diagnostics:\n${run.stderr}`);
    return run.stdout;
  });
  const compiled = parseObject(text, bicepparamFile);
  // `--stdout` wraps the parameters file in { parametersJson, templateJson? } on recent compilers.
  const inner = compiled.parametersJson;
  return typeof inner === 'string' ? parseObject(inner, `${bicepparamFile} parametersJson`) : compiled;
}

/* ------------------------------------------------------------------ walking the compiled template */

/** A template (the root or a module's nested template) and how its parameters are fed. */
export interface TemplateScope {
  readonly path: string;
  readonly template: JsonObject;
  /** The deployment resource that runs this template (undefined for the root). */
  readonly deployment?: JsonObject;
  readonly parent?: TemplateScope;
}

function resourceEntries(template: JsonObject): [string, JsonObject][] {
  const resources = template.resources;
  if (Array.isArray(resources)) {
    return resources.filter(isObject).map((r, i) => [typeof r.name === 'string' ? r.name : String(i), r]);
  }
  if (isObject(resources)) {
    return Object.entries(resources).filter((entry): entry is [string, JsonObject] => isObject(entry[1]));
  }
  return [];
}

export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Every template scope: the root and, recursively, each module's nested template. */
export function scopes(root: JsonObject): TemplateScope[] {
  const out: TemplateScope[] = [];
  const visit = (scope: TemplateScope): void => {
    out.push(scope);
    for (const [symbol, resource] of resourceEntries(scope.template)) {
      const nested = getPath(resource, 'properties.template');
      if (resource.type === 'Microsoft.Resources/deployments' && isObject(nested)) {
        visit({
          path: scope.path === '' ? symbol : `${scope.path}/${symbol}`,
          template: nested,
          deployment: resource,
          parent: scope,
        });
      }
    }
  };
  visit({ path: '', template: root });
  return out;
}
