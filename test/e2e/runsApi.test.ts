import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../src/domain/runs/runStore.js';
import { newRunId } from '../../src/domain/runs/runIds.js';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import { finishedRun } from '../support/runFixtures.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { testStorage, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';

let host: HostProcess;
const experiment = uniqueName('exp-');
const runs: RunRecord[] = [];

beforeAll(async () => {
  host = await startProductHost('runs');
  const store = new RunStore(testStorage());
  const base = Date.parse('2026-03-01T00:00:00Z');
  for (const [index, auc] of [0.81, 0.93, 0.88].entries()) {
    const record = finishedRun(
      {
        experiment,
        params: { learning_rate: 0.001 * (index + 1), epochs: 5, activation: index === 1 ? 'elu' : 'relu' },
        metrics: { test_auc: auc, test_f1: auc - 0.1 },
      },
      new Date(base + index * 1000),
    );
    await store.create(record);
    await store.recordEpoch(record.runId, {
      epoch: 1,
      train: { loss: 0.6 },
      validation: { loss: 0.7 },
      durationSeconds: 2,
    });
    runs.push(record);
  }
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

async function get(path: string): Promise<Response> {
  return fetch(`${host.origin}/api/${path}`, { headers: bearer(devTokens.researcher) });
}

describe('the runs API', () => {
  it('filters on metrics and orders by a metric', async () => {
    const response = await get(
      `runs?experiment=${experiment}&filter=${encodeURIComponent('metrics.test_auc>0.85')}&orderBy=metrics.test_auc&order=asc`,
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: RunRecord[] };
    expect(page.items.map((run) => run.metrics.test_auc)).toEqual([0.88, 0.93]);
  });

  it('serves a run, its learning curves, and a comparison with deltas', async () => {
    const [first, second] = runs;
    if (first === undefined || second === undefined) throw new Error('seed failed');
    expect(await (await get(`runs/${first.runId}`)).json()).toMatchObject({ runId: first.runId, params: first.params });
    expect(await (await get(`runs/${first.runId}/metrics`)).json()).toMatchObject({
      epochs: [{ epoch: 1, train: { loss: 0.6 } }],
    });
    const comparison = (await (await get(`runs/compare?ids=${first.runId},${second.runId}`)).json()) as {
      metrics: Record<string, { values: number[]; deltas: number[]; differs: boolean }>;
    };
    expect(comparison.metrics.test_auc?.values).toEqual([0.81, 0.93]);
    expect(comparison.metrics.test_auc?.deltas[1]).toBeCloseTo(0.12, 10);
    expect(comparison.metrics.test_auc?.differs).toBe(true);
  });

  it('answers unknown runs with 404 and malformed search parameters with a 400 problem', async () => {
    expect((await get(`runs/${newRunId(new Date())}`)).status).toBe(404);
    const injected = await get(
      `runs?experiment=${experiment}&filter=${encodeURIComponent('metrics.test_auc>2 or true')}`,
    );
    expect(injected.status).toBe(400);
    expect(injected.headers.get('content-type')).toBe('application/problem+json');
    expect(await injected.json()).toMatchObject({
      status: 400,
      parameter: 'filter',
      position: 19,
      expected: '"and" or the end of the filter',
    });
    for (const query of [
      `filter=${encodeURIComponent('drop table runs')}`,
      'orderBy=params.constructor',
      'continuationToken=forged&orderBy=createdAt',
      `continuationToken=${encodeURIComponent("a'b")}`,
      `filter=${encodeURIComponent("params.activation='relu")}`,
      // Malformed %-encoding: the query string decodes leniently, and what arrives is refused.
      'filter=params.activation%3D%E0%A4%A',
      'filter=%zz',
      'orderBy=%E0%A4%A',
      'continuationToken=%zz%27',
    ]) {
      const response = await get(`runs?${query}`);
      expect(response.status, query).toBe(400);
      const problem = (await response.json()) as { detail: string };
      expect(problem.detail, query).not.toMatch(/\bat \S+:\d+|\/work\/|node_modules/);
    }
  });

  it('finds runs by a param word, as the README writes it', async () => {
    const response = await get(`runs?experiment=${experiment}&filter=params.activation=relu`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: RunRecord[] };
    expect(page.items.map((run) => run.metrics.test_auc).sort()).toEqual([0.81, 0.88]);
  });
});
