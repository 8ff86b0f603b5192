import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** The well-known development account Azurite serves; its key is public by design. */
export const devAccountName = 'devstoreaccount1';
export const devAccountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuritePorts {
  blob: number;
  queue: number;
  table: number;
}

export interface EmbeddedAzurite {
  readonly connectionString: string;
  readonly ports: AzuritePorts;
  /** Azurite's process id, for benchmarks that account its CPU time. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedAzuriteOptions {
  /** Folder for Azurite's data; omitted means in-memory. */
  location?: string;
  /** Fixed ports; omitted means free ports chosen by the OS. */
  ports?: AzuritePorts;
  /** Where Azurite's own output goes; ignored by default. */
  onOutput?: (line: string) => void;
}

export function azuriteConnectionString(ports: AzuritePorts, host = '127.0.0.1'): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${devAccountName}`,
    `AccountKey=${devAccountKey}`,
    `BlobEndpoint=http://${host}:${ports.blob}/${devAccountName}`,
    `QueueEndpoint=http://${host}:${ports.queue}/${devAccountName}`,
    `TableEndpoint=http://${host}:${ports.table}/${devAccountName}`,
  ].join(';');
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not determine a free port');
  return address.port;
}

/**
 * Runs Azurite as a child process, so that heavy storage traffic never competes with the
 * host's event loop, and resolves once all three services listen.
 */
export async function startEmbeddedAzurite(options: EmbeddedAzuriteOptions = {}): Promise<EmbeddedAzurite> {
  const ports = options.ports ?? { blob: await freePort(), queue: await freePort(), table: await freePort() };
  const require = createRequire(import.meta.url);
  const entry = require.resolve('azurite/dist/src/azurite.js');
  const args = [
    entry,
    '--blobPort',
    String(ports.blob),
    '--queuePort',
    String(ports.queue),
    '--tablePort',
    String(ports.table),
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--silent',
  ];
  if (options.location === undefined) {
    args.push('--inMemoryPersistence');
  } else {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitUntilListening(child, options.onOutput);
  return {
    connectionString: azuriteConnectionString(ports),
    ports,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

async function waitUntilListening(child: ChildProcess, onOutput?: (line: string) => void): Promise<void> {
  const listening = new Set<string>();
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n')) {
        if (line.trim() !== '') onOutput?.(line);
        const match = /Azurite (Blob|Queue|Table) service is successfully listening/.exec(line);
        if (match?.[1] !== undefined) listening.add(match[1]);
      }
      if (listening.size === 3) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      reject(new Error(`Azurite exited with code ${String(code)} before listening:\n${output}`));
    });
    child.once('error', reject);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
