import { setTimeout as delay } from 'node:timers/promises';
import { freePort, startEmbeddedAzurite } from '../../devhost/embeddedAzurite.js';
import { makeAppRoot, startHostProcess } from '../support/hostProcess.js';
import { durableTestAppMain } from '../support/durableHost.js';
import { durableWebhookPath } from '../../devhost/durable/clientInputData.js';

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
  const appRoot = await makeAppRoot(durableTestAppMain);
  const host = await startHostProcess({
    appRoot,
    port: await freePort(),
    environment: { AzureWebJobsStorage: azurite.connectionString },
  });
  const base = `${host.origin}${durableWebhookPath}`;
  // The management API needs the extension's system key, as in Azure; the app's client does not.
  const keyHeader = { 'x-functions-key': host.keys.durableSystemKey };
  try {
    const began = performance.now();
    const ids: string[] = [];
    for (let first = 0; first < instances; first += startConcurrency) {
      const batch = Array.from({ length: Math.min(startConcurrency, instances - first) }, async () => {
        const response = await fetch(`${base}/orchestrators/fiveStepChain`, {
          method: 'POST',
          body: '',
          headers: keyHeader,
        });
        if (response.status !== 202) throw new Error(`start answered ${response.status}: ${await response.text()}`);
        return ((await response.json()) as { id: string }).id;
      });
      ids.push(...(await Promise.all(batch)));
    }
    let completed = 0;
    while (completed < instances) {
      await delay(100);
      const response = await fetch(`${base}/instances/?runtimeStatus=Completed,Failed&top=1000`, {
        headers: keyHeader,
      });
      const statuses = (await response.json()) as BenchStatus[];
      if (statuses.some((status) => status.runtimeStatus === 'Failed')) throw new Error('an instance failed');
      completed = statuses.length;
    }
    const seconds = (performance.now() - began) / 1000;

    const latencies: number[] = [];
    for (const id of ids) {
      const status = (await (
        await fetch(`${base}/instances/${id}?showHistory=true&showHistoryOutput=true`, { headers: keyHeader })
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
    await host.kill('SIGTERM');
    await azurite.stop();
  }
}
