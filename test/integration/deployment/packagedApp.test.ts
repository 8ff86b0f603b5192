import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../devhost/embeddedAzurite.js';
import { projectRoot, startHostProcess, type HostProcess } from '../../support/hostProcess.js';
import type { StartupReport } from '../../support/functionRegistrations.js';
import { testConnectionString, uniqueName } from '../../support/testStorage.js';
import { bearer, devTokenSetting, devTokens } from '../../support/devTokens.js';
import { eventually } from '../../support/eventually.js';
import { testStorage } from '../../support/testStorage.js';
import { registerArtifact, trainedArtifact } from '../../support/registeredModel.js';
import { ModelRegistry } from '../../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../../src/domain/registry/registryConfig.js';
import { syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { e4Zip } from '../../../src/domain/wesad/synthetic/e4Export.js';

/**
 * The zip that ships, run on its own. "Zip deployment for Azure Functions" (deployment-zip-push):
 * the archive must hold everything the app needs, since nothing else is on the instance; the
 * Node.js worker loads the files package.json `main` names (functions-reference-node), and
 * Flex Consumption runs the package as deployed, without a build (flex-consumption-how-to,
 * "Deploy your code project"). So: `npm run package`, unzip into an empty folder, and start the
 * local host on that folder alone. Runs on the built tree (`npm run build` first).
 */
const run = promisify(execFile);
const work = await mkdtemp(path.join(tmpdir(), 'wesad-package-test-'));
const unpacked = path.join(work, 'unpacked');
let summary: { zip: string; zipBytes: number; files: number; packages: number; javascriptFiles: number };
let host: HostProcess | undefined;

beforeAll(async () => {
  const { stdout } = await run('npm', ['run', '--silent', 'package:app', '--', '--out', path.join(work, 'out')], {
    cwd: projectRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  summary = JSON.parse(stdout.slice(stdout.indexOf('{'))) as typeof summary;
  await mkdir(unpacked);
  expect(await readdir(unpacked)).toEqual([]);
  const entries = unzipSync(new Uint8Array(await readFile(summary.zip)));
  for (const [name, content] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    await mkdir(path.dirname(path.join(unpacked, name)), { recursive: true });
    await writeFile(path.join(unpacked, name), content);
  }
}, 900_000);

afterAll(async () => {
  await host?.kill('SIGTERM');
  await rm(work, { recursive: true, force: true });
});

describe('the deployment package', () => {
  it('holds the allow-list only: the built app, host.json, package.json and node_modules', async () => {
    expect((await readdir(unpacked)).sort()).toEqual(['dist', 'host.json', 'node_modules', 'package.json']);
    expect((await readdir(path.join(unpacked, 'dist'))).sort()).toEqual([
      'build-info.json',
      'functions',
      'kernels',
      'src',
      'studio',
    ]);
    expect(await readdir(path.join(unpacked, 'dist/kernels'))).toEqual(['linear-kernels.wasm']);
    // The commit the build recorded ships with the code: the instance has no .git.
    expect(await readFile(path.join(unpacked, 'dist/build-info.json'), 'utf8')).toBe(
      await readFile(path.join(projectRoot, 'dist/build-info.json'), 'utf8'),
    );
    const app = [
      ...(await readdir(path.join(unpacked, 'dist/functions'), { recursive: true })),
      ...(await readdir(path.join(unpacked, 'dist/src'), { recursive: true })),
    ];
    expect(app.filter((file) => /\.(map|ts)$/.test(file))).toEqual([]);
    console.log(
      `deployment package: ${(summary.zipBytes / 1e6).toFixed(1)} MB zip, ${summary.files} files, ` +
        `${summary.packages} npm packages, ${summary.javascriptFiles} JavaScript files`,
    );
  });

  it('carries exactly the production dependencies of the lockfile', async () => {
    const lock = JSON.parse(await readFile(path.join(projectRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }>;
    };
    const wrong: string[] = [];
    for (const [location, entry] of Object.entries(lock.packages)) {
      if (location === '') continue;
      const production = entry.dev !== true && entry.optional !== true && entry.devOptional !== true;
      const present = existsSync(path.join(unpacked, location, 'package.json'));
      if (production !== present)
        wrong.push(`${location}: ${production ? 'missing' : 'shipped although not production'}`);
    }
    expect(wrong).toEqual([]);
    for (const devOnly of ['vitest', 'typescript', 'azurite', 'node', 'eslint', '@tensorflow/tfjs-node']) {
      expect(existsSync(path.join(unpacked, 'node_modules', devOnly)), devOnly).toBe(false);
    }
  });

  it('starts on its own folder: every function of the app is there and /api/health answers 200', async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(projectRoot, 'dist/test/support/functionRegistrations.js'), '--app-root', projectRoot],
      { env: { ...process.env, AzureWebJobsStorage: 'UseDevelopmentStorage=true' }, maxBuffer: 16 * 1024 * 1024 },
    );
    const built = (JSON.parse(stdout) as StartupReport).functions.map((fn) => fn.name).sort();

    host = await startHostProcess({
      appRoot: unpacked,
      port: await freePort(),
      environment: {
        // Nothing may resolve from outside the folder.
        NODE_PATH: '',
        AzureWebJobsStorage: testConnectionString(),
        AzureFunctionsWebHost__hostid: uniqueName('package-'),
        DEVHOST_AUTH_TOKENS: devTokenSetting,
        CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT: '',
      },
    });
    // The host prints its functions right after it says it listens.
    const started = host;
    await eventually(
      () => Promise.resolve(started.output().includes('Press Ctrl+C') ? true : undefined),
      10_000,
      'the function list',
    );
    const listed = [...host.output().matchAll(/^ {2}(\w+): \w+/gm)].map((match) => match[1] ?? '').sort();
    expect(listed).toEqual(built);
    expect(listed.length).toBeGreaterThan(30);

    const health = await fetch(`${host.origin}/api/health`);
    expect(health.status).toBe(200);
    const models = await fetch(`${host.origin}/api/models`, { headers: bearer(devTokens.researcher) });
    expect(models.status).toBe(200);
    // The studio ships built: its page, and the script the page names, answer from the package.
    const page = await fetch(`${host.origin}/api/studio/`, { headers: bearer(devTokens.researcher) });
    expect(page.status).toBe(200);
    const script = /src="\.\/(studio-[A-Z0-9]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(`${host.origin}/api/studio/${script ?? ''}`, { headers: bearer(devTokens.researcher) });
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('starts telemetry from inside the bundle when Application Insights is set: the worker capability is reported', async () => {
    // opentelemetry-howto (JavaScript): the instrumentation sets WorkerOpenTelemetryEnabled, which the
    // host reads only before start-up finishes; the bundle imports the distro from its own chunks.
    const { stdout } = await run(
      process.execPath,
      [path.join(projectRoot, 'dist/test/support/functionRegistrations.js'), '--app-root', unpacked],
      {
        env: {
          ...process.env,
          NODE_PATH: '',
          AzureWebJobsStorage: 'UseDevelopmentStorage=true',
          APPLICATIONINSIGHTS_CONNECTION_STRING:
            'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const report = JSON.parse(stdout) as StartupReport;
    expect(report.capabilities.WorkerOpenTelemetryEnabled).toBe('true');
    expect(report.functions.length).toBeGreaterThan(30);
  });

  it('runs a model from its own folder: prediction loads its code, the engine, its WebAssembly and the recording worker', async () => {
    // The function entry points ship bundled (tools/bundleApp.ts) while the workers and the kernels
    // stay files of dist/: this is the path that finds them from inside the bundle.
    expect((await readdir(path.join(unpacked, 'dist/functions'))).sort()).toEqual(['app.js', 'chunks']);
    const started = host;
    if (started === undefined) throw new Error('the host did not start');
    const actor = { id: 'researcher-1', name: 'researcher@example.org', roles: ['Researcher'] };
    const model = `package-cnn-${Date.now()}`;
    const version = await registerArtifact(testStorage(), model, await trainedArtifact(3), actor);
    await new ModelRegistry(testStorage(), parseRegistryConfig({})).assignStage(
      model,
      'staging',
      version.version,
      actor,
      'package check',
    );
    const response = await fetch(`${started.origin}/api/models/${model}/stages/staging/predict`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/zip' },
      body: e4Zip(syntheticSubject({ subject: 'S82', seconds: 120, seed: 3 })),
    });
    const body = (await response.json()) as { version?: string; windows?: { stressProbability: number | null }[] };
    expect(response.status, JSON.stringify(body).slice(0, 500)).toBe(200);
    expect(body.version).toBe(version.version);
    expect(body.windows?.some((window) => window.stressProbability !== null)).toBe(true);
  });
});
