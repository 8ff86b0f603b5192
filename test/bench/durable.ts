import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort, startEmbeddedAzurite } from '../../src/devhost/embeddedAzurite.js';

const instances = 200;
/** Starts in flight at once, like a burst of HTTP starters. */
const startConcurrency = 20;

interface BenchStatus {
  runtimeStatus: string;
  historyEvents?: { EventType: string; ScheduledTime?: string; Result?: unknown }[];
}

/**
 * Durable engine throughput on this machine: 200 instances of five chained activities started
 * through the management API against an embedded Azurite, with the host's default durable
 * settings. Prints instances per second (first start to last completion) and the activity
 * dispatch latency (TaskScheduled to the activity starting) at p50 and p99.
 */
export async function runDurableBench(): Promise<void> {
  const azurite = await startEmbeddedAzurite();
  const root = repositoryRoot();
  const appRoot = await mkdtemp(path.join(tmpdir(), 'wesad-durable-bench-'));
  await writeFile(
    path.join(appRoot, 'package.json'),
    JSON.stringify({ name: 'durable-bench', main: path.join(root, 'dist/test/support/durableTestApp/*.js') }),
  );
  await writeFile(
    path.join(appRoot, 'host.json'),
    JSON.stringify({ version: '2.0', extensions: { durableTask: { hubName: 'DurableBench' } } }),
  );
  const port = await freePort();
  const host = spawn(
    process.execPath,
    [path.join(root, 'dist/src/devhost/start.js'), '--app-root', appRoot, '--port', String(port)],
    {
      env: { ...process.env, AzureWebJobsStorage: azurite.connectionString, DEVHOST_USE_CORE_TOOLS: 'false' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}/runtime/webhooks/durabletask`;
  try {
    await listening(host);
    const began = performance.now();
    const ids: string[] = [];
    for (let first = 0; first < instances; first += startConcurrency) {
      const batch = Array.from({ length: Math.min(startConcurrency, instances - first) }, async () => {
        const response = await fetch(`${base}/orchestrators/fiveStepChain`, { method: 'POST', body: '' });
        if (response.status !== 202) throw new Error(`start answered ${response.status}: ${await response.text()}`);
        return ((await response.json()) as { id: string }).id;
      });
      ids.push(...(await Promise.all(batch)));
    }
    let completed = 0;
    while (completed < instances) {
      await delay(100);
      const response = await fetch(`${base}/instances/?runtimeStatus=Completed,Failed&top=1000`);
      const statuses = (await response.json()) as BenchStatus[];
      if (statuses.some((status) => status.runtimeStatus === 'Failed')) throw new Error('an instance failed');
      completed = statuses.length;
    }
    const seconds = (performance.now() - began) / 1000;

    const latencies: number[] = [];
    for (const id of ids) {
      const status = (await (
        await fetch(`${base}/instances/${id}?showHistory=true&showHistoryOutput=true`)
      ).json()) as BenchStatus;
      for (const event of status.historyEvents ?? []) {
        if (event.EventType !== 'TaskCompleted' || event.ScheduledTime === undefined) continue;
        latencies.push(Number(event.Result) - Date.parse(event.ScheduledTime));
      }
    }
    latencies.sort((a, b) => a - b);
    const percentile = (p: number): number =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
    console.log(`durable: ${instances} instances × 5 chained activities in ${seconds.toFixed(1)} s`);
    console.log(`durable: throughput ${(instances / seconds).toFixed(1)} instances/s`);
    console.log(
      `durable: activity dispatch latency p50 ${percentile(50).toFixed(0)} ms, p99 ${percentile(99).toFixed(0)} ms (${latencies.length} activities)`,
    );
  } finally {
    if (host.exitCode === null) {
      const exited = once(host, 'exit');
      host.kill('SIGTERM');
      await exited;
    }
    await azurite.stop();
  }
}

function repositoryRoot(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('package.json not found above the bench');
    directory = parent;
  }
  return directory;
}

async function listening(host: ChildProcess): Promise<void> {
  let output = '';
  const onData = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  host.stdout?.on('data', onData);
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (!output.includes('listening on http')) return;
      clearInterval(check);
      resolve();
    }, 50);
    host.once('exit', (code) => {
      clearInterval(check);
      reject(new Error(`The host exited with ${String(code)} before listening:\n${output}`));
    });
  });
  // From here on the host's log is only drained, so it never blocks on a full pipe.
  host.stdout?.off('data', onData);
  host.stdout?.resume();
}
