import os from 'node:os';
import autocannon from 'autocannon';
import { freePort, startEmbeddedAzurite } from '../../devhost/embeddedAzurite.js';
import { startHostProcess } from '../../devhost/hostProcess.js';
import { createStorageClients } from '../../src/platform/storage/storageClients.js';
import { RunStore } from '../../src/domain/runs/runStore.js';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import { ModelRegistry } from '../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../src/domain/registry/registryConfig.js';
import { projectRoot } from '../support/projectPaths.js';
import { finishedRun } from '../support/runFixtures.js';
import { closedLoop } from './closedLoop.js';
import { cpuPerRequest, processCpuSeconds } from './processCpu.js';

const runCount = 10_000;
const experiment = 'bench';
const token = 'bench-researcher-token-0000001';
const approverToken = 'bench-approver-token-00000001';
/** About a fifth of the bench's runs match (test_auc runs from 0.5 to 0.999). */
const searchFilter = 'metrics.test_auc>0.9';

/**
 * The API under load on the local host: GET /api/runs over 10,000 stored runs, and the stage
 * lookup "which version is in production", 50 connections for 30 s each (autocannon).
 */
export async function runHttpApiBench(): Promise<void> {
  const azurite = await startEmbeddedAzurite();
  const storage = createStorageClients({ kind: 'connectionString', connectionString: azurite.connectionString });
  const port = await freePort();
  const host = await startHostProcess({
    appRoot: projectRoot,
    port,
    environment: {
      AzureWebJobsStorage: azurite.connectionString,
      DEVHOST_AUTH_TOKENS: JSON.stringify({
        [token]: { id: 'bench-researcher', name: 'bench', roles: ['Researcher'] },
        [approverToken]: { id: 'bench-approver', name: 'approver', roles: ['ModelApprover'] },
      }),
    },
  });
  try {
    const origin = host.origin;

    // The machine is shared: its load says how far the latencies below are its doing.
    console.log(
      `load average ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(', ')} on ${os.cpus().length} cores`,
    );
    const seeded = Date.now();
    await seedRuns(storage);
    console.log(`seeded ${runCount} runs in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    const registry = new ModelRegistry(storage, parseRegistryConfig({}));
    const researcher = { id: 'bench-researcher', name: 'bench', roles: ['Researcher'] };
    await registry.register(
      {
        model: 'bench-cnn',
        runId: 'run-1',
        datasetSnapshot: 's',
        artifactPath: 'p',
        artifactSha256: '0'.repeat(64),
        metrics: { test_auc: 0.95 },
        runCreatedBy: 'bench-researcher',
      },
      researcher,
    );
    await registry.assignStage(
      'bench-cnn',
      'production',
      '1.0.0',
      { id: 'bench-approver', name: 'a', roles: ['ModelApprover'] },
      'bench',
    );

    const paged = Date.now();
    let pages = 0;
    let listed = 0;
    let next: string | null = `${origin}/api/runs?experiment=${experiment}&pageSize=1000`;
    while (next !== null) {
      const response = await fetch(next, { headers: { authorization: `Bearer ${token}` } });
      const page = (await response.json()) as { items: unknown[]; next: string | null };
      listed += page.items.length;
      pages++;
      next = page.next;
    }
    console.log(
      `paged through ${listed} runs in ${pages} pages of 1000 in ${((Date.now() - paged) / 1000).toFixed(2)} s`,
    );

    const searchRoute =
      `/api/runs?experiment=${experiment}&filter=${encodeURIComponent(searchFilter)}` +
      '&orderBy=metrics.test_auc&order=desc&pageSize=100';
    for (const [label, route] of [
      ['GET /api/runs (one page of 100)', `/api/runs?experiment=${experiment}&pageSize=100`],
      ['GET /api/runs filtered and ordered by a metric (page of 100)', searchRoute],
      ['GET /api/models/{name}/stages/production', '/api/models/bench-cnn/stages/production'],
    ] as const) {
      const [hostBefore, azuriteBefore] = await Promise.all([
        processCpuSeconds(host.pid),
        processCpuSeconds(azurite.pid),
      ]);
      const result = await autocannon({
        url: `${origin}${route}`,
        connections: 50,
        duration: 30,
        headers: { authorization: `Bearer ${token}` },
      });
      const [hostAfter, azuriteAfter] = await Promise.all([
        processCpuSeconds(host.pid),
        processCpuSeconds(azurite.pid),
      ]);
      // CPU time per request is what the shared machine's load leaves alone; latency is not.
      console.log(
        `${label}: ${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
          `${result.errors} errors, ${result.non2xx} non-2xx, ${result.requests.total} requests; CPU per request: ` +
          `host ${cpuPerRequest(hostBefore, hostAfter, result.requests.total)}, ` +
          `Azurite ${cpuPerRequest(azuriteBefore, azuriteAfter, result.requests.total)}`,
      );
      if (route === searchRoute) await printSearchReference(storage, azurite.pid);
    }
    console.log(
      `load average ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(', ')} at the end`,
    );
  } finally {
    await host.kill('SIGTERM');
    await azurite.stop();
  }
}

/**
 * The search's reference in the same run: the same filter as a bare table query of one page from
 * the SDK, with the same concurrency and duration (the table service cannot order, so this is
 * less than the search does: the scan path also read every match and sorted them).
 */
async function printSearchReference(
  storage: ReturnType<typeof createStorageClients>,
  azuritePid: number | undefined,
): Promise<void> {
  const runs = await storage.table('runs');
  const azuriteBefore = await processCpuSeconds(azuritePid);
  const filter = `PartitionKey eq '${experiment}' and m_test_auc gt 0.9`;
  const reference = await closedLoop(
    async () => {
      await runs.listEntities({ queryOptions: { filter } }).byPage({ maxPageSize: 100 }).next();
    },
    50,
    30,
  );
  console.log(
    `  reference, the same filter as a bare Azurite table query of one page of 100 (SDK, 50 concurrent, 30 s): ` +
      `${reference.perSecond.toFixed(0)} req/s, latency p50 ${reference.p50} ms, p99 ${reference.p99} ms, ` +
      `${reference.errors} errors, ${reference.requests} requests; CPU per request: Azurite ` +
      cpuPerRequest(azuriteBefore, await processCpuSeconds(azuritePid), reference.requests),
  );
}

/** 10,000 runs in one experiment, written in batches of 100 (one table partition per transaction). */
async function seedRuns(storage: ReturnType<typeof createStorageClients>): Promise<void> {
  const store = new RunStore(storage);
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let batch = 0; batch < runCount / 100; batch++) {
    const records: RunRecord[] = Array.from({ length: 100 }, (_, index) => {
      const number = batch * 100 + index;
      const createdAt = new Date(base + number * 1000);
      return finishedRun(
        {
          experiment,
          createdBy: 'bench-researcher',
          params: { learning_rate: 0.001 * ((number % 10) + 1), epochs: 10 },
          metrics: { test_auc: 0.5 + (number % 500) / 1000 },
          modelName: 'bench-cnn',
        },
        createdAt,
      );
    });
    await store.importBatch(records);
  }
}
