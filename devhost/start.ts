import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDevHostConfig } from './devHostConfig.js';
import { describeError } from './core/describeError.js';
import { startEmbeddedAzurite, type AzuritePorts, type EmbeddedAzurite } from './embeddedAzurite.js';
import { consoleHostLogger } from './hostLogger.js';
import { applyLocalSettings } from './localSettings.js';
import { LocalFunctionsHost } from './localFunctionsHost.js';
import { findOnPath } from './findOnPath.js';
import { parseDevHostAuthTokens } from './devHostAuthConfig.js';

const { values: cliOptions } = parseArgs({
  options: { 'app-root': { type: 'string' }, port: { type: 'string' } },
});
const appRoot = path.resolve(
  cliOptions['app-root'] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'),
);
if (cliOptions.port !== undefined) process.env.DEVHOST_PORT = cliOptions.port;
const developmentStoragePorts: AzuritePorts = { blob: 10000, queue: 10001, table: 10002 };

/**
 * `npm start`: local settings into the environment, Azurite when the app uses development
 * storage, then Core Tools' `func start` when it is installed, or this project's local host.
 */
async function main(): Promise<void> {
  const settings = await applyLocalSettings(appRoot, process.env);
  console.log(
    settings.file === undefined ? 'No local.settings.json: using the environment only.' : `Settings: ${settings.file}`,
  );
  const azurite = await startAzuriteIfNeeded();

  const coreTools = process.env.DEVHOST_USE_CORE_TOOLS === 'false' ? undefined : await findOnPath('func');
  if (coreTools !== undefined) {
    console.log(`Azure Functions Core Tools found at ${coreTools}: running "func start".`);
    const child = spawn(coreTools, ['start'], { cwd: appRoot, stdio: 'inherit' });
    const stopChild = (): void => {
      child.kill('SIGTERM');
    };
    process.once('SIGINT', stopChild);
    process.once('SIGTERM', stopChild);
    const exit: unknown[] = await once(child, 'exit');
    const code = typeof exit[0] === 'number' ? exit[0] : 1;
    await azurite?.stop();
    process.exit(code);
  }

  const config = parseDevHostConfig(process.env);
  const host = await LocalFunctionsHost.start({
    appRoot,
    config,
    environment: process.env,
    logger: consoleHostLogger(),
  });
  console.log(
    `\nLocal Functions host (Azure Functions Core Tools not found) listening on ${host.origin}\n\nFunctions:\n`,
  );
  for (const fn of host.functions()) console.log(`  ${fn.name}: ${fn.trigger} ${fn.detail}`);
  const studio = host.studioUrl(parseDevHostAuthTokens(process.env).size > 0);
  if (studio !== undefined) console.log(`\nStudio (open in a browser): ${studio}`);
  console.log('\nPress Ctrl+C to stop.\n');

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the host.`);
    void host
      .stop()
      .then(() => azurite?.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`Stopping failed: ${describeError(error)}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => {
    shutdown('SIGINT');
  });
  process.once('SIGTERM', () => {
    shutdown('SIGTERM');
  });
}

async function startAzuriteIfNeeded(): Promise<EmbeddedAzurite | undefined> {
  if (process.env.AzureWebJobsStorage?.trim().toLowerCase() !== 'usedevelopmentstorage=true') return undefined;
  const listening = await Promise.all(
    [developmentStoragePorts.blob, developmentStoragePorts.queue, developmentStoragePorts.table].map((port) =>
      isListening(port),
    ),
  );
  if (listening.every(Boolean)) {
    console.log('Development storage already listening on 10000-10002: using it.');
    return undefined;
  }
  if (listening.some(Boolean)) {
    throw new Error(
      'Some of the development storage ports 10000-10002 are taken by something else; free them or set AzureWebJobsStorage.',
    );
  }
  const location = path.join(appRoot, '.azurite');
  const azurite = await startEmbeddedAzurite({ location, ports: developmentStoragePorts });
  console.log(`Azurite (embedded storage) on blob :10000, queue :10001, table :10002, data in ${location}`);
  return azurite;
}

async function isListening(port: number): Promise<boolean> {
  const socket = connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    // Refused: nothing listens there.
    return false;
  } finally {
    socket.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`The local host could not start: ${describeError(error)}`);
  process.exit(1);
});
