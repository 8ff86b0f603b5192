import { describe, expect, it } from 'vitest';
import { RunStore } from '../../../src/domain/runs/runStore.js';
import { newRunId } from '../../../src/domain/runs/runIds.js';
import { parseRunFilter } from '../../../src/domain/runs/runFilterGrammar.js';
import type { RunRecord } from '../../../src/domain/runs/runRecords.js';
import { finishedRun } from '../../support/runFixtures.js';
import { testStorage, uniqueName } from '../../support/testStorage.js';

const store = new RunStore(testStorage());

function run(experiment: string, createdAt: Date, auc: number, learningRate: number): RunRecord {
  return finishedRun(
    {
      experiment,
      params: { learning_rate: learningRate, epochs: 3, activation: 'relu' },
      metrics: { test_auc: auc },
      trainSubjects: ['S2'],
      validationSubjects: ['S3'],
      testSubjects: ['S4'],
    },
    createdAt,
  );
}

async function seed(experiment: string): Promise<RunRecord[]> {
  const base = Date.parse('2026-01-01T00:00:00Z');
  const runs = [0.7, 0.95, 0.8, 0.92, 0.6].map((auc, index) =>
    run(experiment, new Date(base + index * 60_000), auc, 0.001 * (index + 1)),
  );
  for (const record of runs) await store.create(record);
  return runs;
}

describe('the run store', () => {
  it('creates idempotently and finds a run by id alone', async () => {
    const record = run(uniqueName('exp-'), new Date(), 0.9, 0.001);
    await store.create(record);
    await store.create({ ...record, status: 'failed' });
    expect(await store.get(record.runId)).toEqual(record);
  });

  it('lists an experiment newest first, filtered on the server by metrics and params', async () => {
    const experiment = uniqueName('exp-');
    const runs = await seed(experiment);
    await seed(uniqueName('other-'));
    const all = await store.list({ experiment, conditions: [] }, 100, undefined);
    expect(all.items.map((r) => r.runId)).toEqual([...runs].reverse().map((r) => r.runId));

    const condition = parseRunFilter('metrics.test_auc > 0.9');
    const lowRate = parseRunFilter('params.learning_rate <= 0.002');
    const good = await store.list({ experiment, conditions: condition }, 100, undefined);
    expect(good.items.map((r) => r.metrics.test_auc).sort()).toEqual([0.92, 0.95]);
    const both = await store.list({ experiment, conditions: [...condition, ...lowRate] }, 100, undefined);
    expect(both.items.map((r) => r.metrics.test_auc)).toEqual([0.95]);
  });

  it('orders by a metric and pages through the order with a continuation token', async () => {
    const experiment = uniqueName('exp-');
    await seed(experiment);
    const order = { field: 'metrics' as const, name: 'test_auc', direction: 'desc' as const };
    const first = await store.list({ experiment, conditions: [], order }, 2, undefined);
    const second = await store.list({ experiment, conditions: [], order }, 2, first.continuationToken);
    const third = await store.list({ experiment, conditions: [], order }, 2, second.continuationToken);
    expect([...first.items, ...second.items, ...third.items].map((r) => r.metrics.test_auc)).toEqual([
      0.95, 0.92, 0.8, 0.7, 0.6,
    ]);
    expect(third.continuationToken).toBeUndefined();
  });

  it('applies concurrent updates under ETags without losing any', async () => {
    const record = run(uniqueName('exp-'), new Date(), 0.5, 0.001);
    await store.create(record);
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        store.update(record.runId, (current) => ({
          ...current,
          metrics: { ...current.metrics, [`m${index}`]: index },
        })),
      ),
    );
    const updated = await store.require(record.runId);
    expect(Object.keys(updated.metrics).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'test_auc']);
  });

  it('keeps one row per epoch of learning curves', async () => {
    const runId = newRunId(new Date());
    await store.recordEpoch(runId, { epoch: 2, train: { loss: 0.5 }, validation: { loss: 0.6 }, durationSeconds: 1 });
    await store.recordEpoch(runId, { epoch: 1, train: { loss: 0.7 }, validation: { loss: 0.8 }, durationSeconds: 1 });
    await store.recordEpoch(runId, { epoch: 2, train: { loss: 0.4 }, validation: { loss: 0.6 }, durationSeconds: 1 });
    expect((await store.metricHistory(runId)).map((e) => [e.epoch, e.train.loss])).toEqual([
      [1, 0.7],
      [2, 0.4],
    ]);
  });
});
