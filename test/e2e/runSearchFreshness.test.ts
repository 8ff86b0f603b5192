import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../src/domain/runs/runStore.js';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import { finishedRun } from '../support/runFixtures.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { testStorage, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';

/**
 * GET /api/runs on the local host answers from the host's search projection; the writes here
 * come from this test process, as they would from another instance (a training activity, a
 * cancellation on another worker). A search sent after a write returned must show it.
 */
let host: HostProcess;
const experiment = uniqueName('fresh-');
const store = new RunStore(testStorage());
const runs: RunRecord[] = [];

beforeAll(async () => {
  host = await startProductHost('runsearch');
  const base = Date.parse('2026-04-01T00:00:00Z');
  for (const [index, auc] of [0.7, 0.8, 0.9].entries()) {
    const run = finishedRun({ experiment, metrics: { test_auc: auc } }, new Date(base + index * 1000));
    await store.create(run);
    runs.push(run);
  }
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

async function best(): Promise<{ ids: string[]; contentType: string | null }> {
  const response = await fetch(
    `${host.origin}/api/runs?experiment=${experiment}&filter=${encodeURIComponent('metrics.test_auc>0.75')}` +
      '&orderBy=metrics.test_auc&order=desc&pageSize=10',
    { headers: bearer(devTokens.researcher) },
  );
  expect(response.status).toBe(200);
  const page = (await response.json()) as { items: RunRecord[] };
  return { ids: page.items.map((run) => run.runId), contentType: response.headers.get('content-type') };
}

describe('run search on the host', () => {
  it('shows each write made elsewhere to the next search, with no wait', async () => {
    const [low, middle, high] = runs;
    if (low === undefined || middle === undefined || high === undefined) throw new Error('seed failed');
    const first = await best();
    expect(first.ids).toEqual([high.runId, middle.runId]);
    expect(first.contentType).toMatch(/^application\/json/);

    await store.update(low.runId, (current) => ({ ...current, metrics: { test_auc: 0.95 } }));
    expect((await best()).ids).toEqual([low.runId, high.runId, middle.runId]);

    await store.update(high.runId, (current) => ({ ...current, status: 'failed', metrics: { test_auc: 0.5 } }));
    expect((await best()).ids).toEqual([low.runId, middle.runId]);

    const added = finishedRun({ experiment, metrics: { test_auc: 0.85 } }, new Date('2026-04-02T00:00:00Z'));
    await store.create(added);
    expect((await best()).ids).toEqual([low.runId, added.runId, middle.runId]);
  });
});
