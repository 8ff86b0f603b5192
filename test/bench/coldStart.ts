import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, startEmbeddedAzurite } from '../../devhost/embeddedAzurite.js';
import { startHostProcess } from '../../devhost/hostProcess.js';
import { packageApp, type PackageSummary } from '../../tools/packageApp.js';
import { projectRoot } from '../support/projectPaths.js';
import { figure, median } from './benchFigures.js';

const run = promisify(execFile);
const ROUNDS = 7;
const probe = path.join(projectRoot, 'dist/test/bench/coldStartProbe.js');
const token = 'bench-researcher-token-0000001';

/**
 * What every function module of the deployment package costs a new instance to load (what Flex
 * Consumption pays on each scale-out), next to the floor: the Azure SDKs and zod that the app cannot
 * do without (@azure/functions, durable-functions, data-tables, storage-blob, storage-queue,
 * identity), imported from the same package's node_modules in the same run. Goal: at most 1.25× the
 * floor. Measured for the package as it ships (entry points bundled) and as built (--no-bundle),
 * without telemetry settings and with Application Insights set (AI), as in Azure (the exporters
 * are imported only then, from node_modules). Then the local host is started on the package and on the
 * floor (one GET route), and the time from starting it to the first 200 of GET /api/runs is taken.
 */
export async function runColdStartBench(): Promise<void> {
  const summary = await packageApp(path.join(projectRoot, '.bench/coldstart/bundled'));
  printPackage('bundled (what ships)', summary);
  const unbundled = await packageApp(path.join(projectRoot, '.bench/coldstart/unbundled'), { bundle: false });
  printPackage('unbundled (--no-bundle)', unbundled);
  await writeFloor(summary.stage);

  const insights = {
    APPLICATIONINSIGHTS_CONNECTION_STRING:
      'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
  };
  const contenders = [
    { name: 'sdk floor', stage: summary.stage, load: 'floor', environment: {} },
    { name: 'app bundled', stage: summary.stage, load: 'app', environment: {} },
    { name: 'app bundled + AI', stage: summary.stage, load: 'app', environment: insights },
    { name: 'app unbundled', stage: unbundled.stage, load: 'app', environment: {} },
    { name: 'app unbundled + AI', stage: unbundled.stage, load: 'app', environment: insights },
  ];
  const times: number[][] = contenders.map(() => []);
  // Interleaved rounds: whatever else the machine does in a round falls on every contender alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, contender] of contenders.entries()) {
      times[i]?.push(await probeLoad(contender.stage, contender.load, contender.environment, false));
    }
  }
  const floor = times[0] ?? [];
  for (const [i, contender] of contenders.entries()) {
    const modules = await probeModules(contender.stage, contender.load, contender.environment);
    const own = times[i] ?? [];
    console.log(
      `cold-start ${contender.name.padEnd(20)} load_ms_median=${median(own).toFixed(0)} ` +
        `load_ms_best=${Math.min(...own).toFixed(0)} modules=${modules} ` +
        `vs_floor_median=${(median(own) / median(floor)).toFixed(2)} ` +
        `vs_floor_best=${(Math.min(...own) / Math.min(...floor)).toFixed(2)} (${ROUNDS} rounds; goal <= 1.25)`,
    );
  }
  await firstAnsweredRuns(summary.stage);
}

function printPackage(label: string, summary: PackageSummary): void {
  const bundle =
    summary.bundle === undefined
      ? ''
      : ` bundle_mb=${(summary.bundle.bytes / 1e6).toFixed(1)} bundle_outputs=${summary.bundle.outputs} ` +
        `bundled_files=${summary.bundle.inputs}`;
  console.log(
    `cold-start package ${label}: zip_mb=${(summary.zipBytes / 1e6).toFixed(1)} ` +
      `unpacked_mb=${(summary.uncompressedBytes / 1e6).toFixed(1)} files=${summary.files} ` +
      `npm_packages=${summary.packages} javascript_files=${summary.javascriptFiles}${bundle}`,
  );
}

/**
 * The floor beside the package's node_modules, so it resolves the same files as the app: a module
 * importing the SDKs, and a one-route app for the host (GET /api/runs answering an empty page).
 */
async function writeFloor(stage: string): Promise<void> {
  const floorApp = path.join(stage, 'bench-floor-app');
  await mkdir(floorApp, { recursive: true });
  const sdks = [
    '@azure/functions',
    'durable-functions',
    '@azure/data-tables',
    '@azure/storage-blob',
    '@azure/storage-queue',
    '@azure/identity',
    'zod',
  ];
  const imports = sdks.map((name) => `import '${name}';\n`).join('');
  await writeFile(path.join(stage, 'sdkFloor.mjs'), imports);
  await writeFile(
    path.join(floorApp, 'index.mjs'),
    `import '../sdkFloor.mjs';\nimport { app } from '@azure/functions';\n` +
      `app.http('listRuns', { route: 'runs', methods: ['GET'], authLevel: 'anonymous', ` +
      `handler: async () => ({ jsonBody: { items: [], next: null } }) });\n`,
  );
  await writeFile(path.join(floorApp, 'package.json'), JSON.stringify({ name: 'sdk-floor', main: 'index.mjs' }));
  await copyFile(path.join(stage, 'host.json'), path.join(floorApp, 'host.json'));
}

async function probeLoad(
  stage: string,
  load: string,
  environment: Record<string, string>,
  count: boolean,
): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    [probe, '--app-root', stage, '--load', load, ...(count ? ['--count'] : [])],
    { env: { ...process.env, AzureWebJobsStorage: 'UseDevelopmentStorage=true', ...environment } },
  );
  return figure(stdout, count ? 'modules' : 'load_ms');
}

const probeModules = (stage: string, load: string, environment: Record<string, string>): Promise<number> =>
  probeLoad(stage, load, environment, true);

/** From starting the local host to the first 200 of GET /api/runs, on the package and on the floor app. */
async function firstAnsweredRuns(stage: string): Promise<void> {
  const azurite = await startEmbeddedAzurite();
  try {
    const results: { name: string; ms: number[] }[] = [
      { name: 'package', ms: [] },
      { name: 'sdk floor app', ms: [] },
    ];
    for (let round = 0; round < 3; round++) {
      for (const result of results) {
        const appRoot = result.name === 'package' ? stage : path.join(stage, 'bench-floor-app');
        result.ms.push(await timeToFirstRuns(appRoot, azurite.connectionString, round));
      }
    }
    const [app, floor] = results;
    if (app === undefined || floor === undefined) return;
    console.log(
      `cold-start first GET /api/runs 200: package ms_median=${median(app.ms).toFixed(0)} ` +
        `ms_best=${Math.min(...app.ms).toFixed(0)}; sdk floor app ms_median=${median(floor.ms).toFixed(0)} ` +
        `ms_best=${Math.min(...floor.ms).toFixed(0)} (host start to first 200, 3 rounds)`,
    );
  } finally {
    await azurite.stop();
  }
}

async function timeToFirstRuns(appRoot: string, connectionString: string, round: number): Promise<number> {
  const started = performance.now();
  const host = await startHostProcess({
    appRoot,
    port: await freePort(),
    environment: {
      NODE_PATH: '',
      AzureWebJobsStorage: connectionString,
      AzureFunctionsWebHost__hostid: `coldstart-${round}-${Date.now()}`,
      DEVHOST_AUTH_TOKENS: JSON.stringify({ [token]: { id: 'bench', name: 'bench', roles: ['Researcher'] } }),
      CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT: '',
    },
  });
  try {
    for (;;) {
      const response = await fetch(`${host.origin}/api/runs`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error(`GET /api/runs answered ${response.status}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await host.kill('SIGTERM');
  }
}
