import { beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../src/domain/runs/runStore.js';
import { runQueryOf } from '../../../src/api/runListRequest.js';
import { HttpProblem } from '../../../src/platform/http/httpProblem.js';
import { InvalidContinuationTokenError } from '../../../src/platform/storage/continuationTokens.js';
import type { RunRecord } from '../../../src/domain/runs/runRecords.js';
import { finishedRun } from '../../support/runFixtures.js';
import { testStorage, uniqueName } from '../../support/testStorage.js';

/**
 * Run search against Azurite over its real protocol: the parsed filter becomes a table query
 * whose literals the table service reads as values (Querying tables and entities, Microsoft
 * Learn: strings quoted with quotes doubled, numbers as plain literals).
 */
const store = new RunStore(testStorage());
const experiment = uniqueName('search-');
const hostile = "x' or 'a'='a";
const runs: Record<string, RunRecord> = {};

async function search(filters: string[], orderBy?: string, pageSize = 100, token?: string) {
  const query = runQueryOf({ experiment, orderBy, order: 'asc' }, filters);
  return store.list(query, pageSize, token);
}

async function namesOf(filters: string[]): Promise<string[]> {
  const page = await search(filters);
  const names = page.items.map((run) => Object.entries(runs).find(([, known]) => known.runId === run.runId)?.[0]);
  return names.map(String).sort();
}

function problemOf(action: () => unknown): HttpProblem {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('no problem was raised');
}

beforeAll(async () => {
  const base = Date.parse('2026-02-01T00:00:00Z');
  const seeds: [string, Record<string, unknown>, Record<string, number>][] = [
    ['relu', { activation: 'relu', epochs: 5, shuffle: true }, { test_auc: 0.91, tiny: 0.0000002 }],
    ['elu', { activation: 'elu', epochs: 7, shuffle: false }, { test_auc: 0.8, tiny: 0.00000005 }],
    ['quote', { activation: hostile, epochs: 9, budget: 3_000_000_000 }, { test_auc: 0.7 }],
  ];
  for (const [index, [name, params, metrics]] of seeds.entries()) {
    const run = finishedRun({ experiment, params, metrics }, new Date(base + index * 60_000));
    runs[name] = run;
    await store.create(run);
  }
  const failed = finishedRun(
    { experiment, status: 'failed', params: { activation: 'relu', epochs: 1 } },
    new Date(base + 10 * 60_000),
  );
  runs.failed = failed;
  await store.create(failed);
});

describe('run search on the table service', () => {
  it('finds runs by a word value, as the README example writes it', async () => {
    expect(await namesOf(['params.activation=relu'])).toEqual(['failed', 'relu']);
    expect(await namesOf(["params.activation='relu'"])).toEqual(['failed', 'relu']);
  });

  it('compares a quoted value containing OData as one string, matching only that run', async () => {
    expect(await namesOf(["params.activation='x'' or ''a''=''a'"])).toEqual(['quote']);
    expect(await namesOf(["params.activation!='x'' or ''a''=''a'"])).toEqual(['elu', 'failed', 'relu']);
  });

  it('refuses the injection that bypassed the experiment and status filters', () => {
    const problem = problemOf(() => runQueryOf({ experiment, order: 'asc' }, ['metrics.test_auc>2 or true']));
    expect(problem.kind).toBe('bad-request');
    expect(problem.extensions).toMatchObject({ parameter: 'filter', position: 19 });
  });

  it('types numbers, booleans, statuses and times, joined with and or across parameters', async () => {
    expect(await namesOf(['metrics.test_auc>=0.8 and params.epochs<9'])).toEqual(['elu', 'relu']);
    expect(await namesOf(['metrics.test_auc>=0.8', 'params.epochs<9'])).toEqual(['elu', 'relu']);
    // 1e-7 as a plain decimal: Azurite returns no rows for an exponent literal.
    expect(await namesOf(['metrics.tiny>1e-7'])).toEqual(['relu']);
    expect(await namesOf(['params.budget=3000000000'])).toEqual(['quote']);
    expect(await namesOf(['params.shuffle=true'])).toEqual(['relu']);
    expect(await namesOf(['status=failed'])).toEqual(['failed']);
    expect(await namesOf(['createdAt>=2026-02-01T00:01:00Z and status!=failed'])).toEqual(['elu', 'quote']);
  });

  it('orders by a metric, refuses a prototype member, and checks continuation tokens', async () => {
    const ordered = await search([], 'metrics.test_auc', 2);
    expect(ordered.items.map((run) => run.metrics.test_auc)).toEqual([0.7, 0.8]);
    const rest = await search([], 'metrics.test_auc', 2, ordered.continuationToken);
    expect(rest.items.map((run) => run.metrics.test_auc)).toEqual([0.91, undefined]);
    expect(problemOf(() => runQueryOf({ orderBy: 'params.constructor', order: 'asc' }, [])).extensions).toMatchObject({
      parameter: 'orderBy',
      position: 7,
    });

    const first = await search([], undefined, 1);
    expect(first.continuationToken).toBeDefined();
    const second = await search([], undefined, 1, first.continuationToken);
    expect(second.items[0]?.runId).not.toBe(first.items[0]?.runId);
    const forged = Buffer.from(JSON.stringify({ nextPartitionKey: "a'b", nextRowKey: 'x' })).toString('base64');
    for (const token of ["'", 'forged', forged, Buffer.from('{"nextPartitionKey":1}').toString('base64')]) {
      await expect(search([], undefined, 1, token), token).rejects.toBeInstanceOf(InvalidContinuationTokenError);
    }
    await expect(search([], 'createdAt', 1, first.continuationToken)).rejects.toBeInstanceOf(
      InvalidContinuationTokenError,
    );
  });
});
