import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDevHostConfig } from './devHostConfig.js';
import { durableSystemKeyName, readHostKeys } from './keys/hostKeys.js';
import { hostStorage } from './storage/hostStorage.js';
import { parseStorageSetting } from './storage/storageSetting.js';

/** The compiled entry of `npm start`, whether this module runs compiled (dist/) or from source. */
const appRoot = fileURLToPath(new URL(import.meta.url.includes('/dist/devhost/') ? '../../' : '../', import.meta.url));
const hostEntry = path.join(appRoot, 'dist/devhost/start.js');

export interface HostProcess {
  readonly origin: string;
  /**
   * The host's master key and the Durable extension's system key, read from its secrets
   * container as an operator reads them in Azure (`az functionapp keys list`).
   */
  readonly keys: { readonly master: string; readonly durableSystemKey: string };
  /** The host's process id (for its memory figures in /proc). */
  readonly pid: number | undefined;
  readonly output: () => string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface HostProcessOptions {
  appRoot: string;
  port: number;
  environment: Record<string, string>;
}

/**
 * Runs the compiled local host as `npm start` would, as a child process reached only over HTTP
 * and storage (tests, benchmarks, the demo). Resolves once it prints that it listens.
 */
export async function startHostProcess(options: HostProcessOptions): Promise<HostProcess> {
  const child = spawn(process.execPath, [hostEntry, '--app-root', options.appRoot, '--port', String(options.port)], {
    env: { ...process.env, ...options.environment, DEVHOST_USE_CORE_TOOLS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await waitFor(
    child,
    () => /listening on http:\/\/\S+/.exec(output) !== null,
    () => output,
  );
  const keys = await storedKeys({ ...process.env, ...options.environment });
  return {
    origin: `http://127.0.0.1:${options.port}`,
    keys,
    pid: child.pid,
    output: () => output,
    kill: (signal) => stopProcess(child, signal),
  };
}

async function storedKeys(environment: NodeJS.ProcessEnv): Promise<HostProcess['keys']> {
  const { hostId } = parseDevHostConfig(environment);
  const keys = await readHostKeys(hostStorage(parseStorageSetting(environment)).blobs, hostId);
  if (keys === undefined) throw new Error(`The host ${hostId} listens but has stored no keys.`);
  return { master: keys.masterKey, durableSystemKey: keys.systemKey(durableSystemKeyName) };
}

async function waitFor(child: ChildProcess, ready: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!ready()) {
    if (child.exitCode !== null) throw new Error(`The host exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The host did not start within 30 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}
