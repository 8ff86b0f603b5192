import { beforeAll, describe, expect, it } from 'vitest';
import { RunStore, runsTable } from '../../../src/domain/runs/runStore.js';
import { RunSearchProjection } from '../../../src/domain/runs/runProjection.js';
import { runSearchTable } from '../../../src/domain/runs/runSearchStamp.js';
import { runQueryOf } from '../../../src/api/runListRequest.js';
import { tableKeyOf } from '../../../src/platform/storage/tableKeys.js';
import type { RunRecord, RunStatus } from '../../../src/domain/runs/runRecords.js';
import type { StorageClients } from '../../../src/platform/storage/storageClients.js';
import { finishedRun } from '../../support/runFixtures.js';
import { testStorage, uniqueName } from '../../support/testStorage.js';

/**
 * The search projection against the runs table it projects, on Azurite over its real protocol:
 * every query answers what the scan path (RunStore.list, the table service's own filter and a
 * sort) answers, also after a storm of concurrent writes, and a search started after a write
 * completed sees that write.
 */
const storage: StorageClients = testStorage();
const store = new RunStore(storage);

interface Search {
  filters?: string[];
  orderBy?: string;
  order?: 'asc' | 'desc';
}

type Lister = (
  query: ReturnType<typeof runQueryOf>,
  pageSize: number,
  token: string | undefined,
) => Promise<{ items: RunRecord[]; continuationToken: string | undefined }>;

/** Every page of a search, as the run ids of each page: the paging is compared, not just the set. */
async function allPages(list: Lister, experiment: string, search: Search, pageSize: number): Promise<string[][]> {
  const query = runQueryOf({ experiment, orderBy: search.orderBy, order: search.order ?? 'asc' }, search.filters ?? []);
  const pages: string[][] = [];
  let token: string | undefined;
  do {
    const page = await list(query, pageSize, token);
    // The table service may end a page early with a token and an empty last page; only rows count.
    if (page.items.length > 0) pages.push(page.items.map((run) => run.runId));
    token = page.continuationToken;
  } while (token !== undefined && pages.length < 1000);
  return pages;
}

const scan: Lister = (query, pageSize, token) => store.list(query, pageSize, token);
const viaProjection =
  (projection: RunSearchProjection): Lister =>
  (query, pageSize, token) =>
    projection.list(query, pageSize, token);

/** Searches covering each kind of condition and ordering, including comparisons across types. */
const searches: Search[] = [
  {},
  { filters: ['status=succeeded'] },
  { filters: ['status!=failed'], orderBy: 'createdAt', order: 'desc' },
  { filters: ['metrics.test_auc>0.7'], orderBy: 'metrics.test_auc', order: 'desc' },
  { filters: ['metrics.test_auc>=0.75 and params.epochs<9'], orderBy: 'metrics.test_auc' },
  { orderBy: 'metrics.test_auc' },
  { orderBy: 'metrics.test_auc', order: 'desc' },
  { orderBy: 'params.activation' },
  { orderBy: 'params.epochs', order: 'desc' },
  { filters: ["params.activation!='relu'"] },
  { filters: ['params.activation>4'] },
  { filters: ['params.epochs=5'] },
  { filters: ["params.epochs='5'"] },
  { filters: ['params.shuffle=true'] },
  { filters: ['params.shuffle>false'] },
  // Columns some runs lack: such a run matches no comparison, not even "not equal".
  { filters: ['params.shuffle!=true'] },
  { filters: ['metrics.test_auc!=0.5'], orderBy: 'metrics.test_auc' },
  { filters: ['params.epochs!=x'] },
  { filters: ['params.budget=3000000000'] },
  { filters: ['createdAt>=2026-03-01T00:05:00Z', 'createdAt<2026-03-01T00:20:00Z'] },
  { filters: ['experiment=nothing'] },
];

function seedRun(experiment: string, index: number): RunRecord {
  const activations: unknown[] = ['relu', 'elu', '5', 7, "x' or 'a'='a"];
  const statuses: RunStatus[] = ['succeeded', 'failed', 'running', 'succeeded', 'cancelled'];
  const params: Record<string, unknown> = { epochs: (index % 7) + 3, activation: activations[index % 5] };
  if (index % 3 === 0) params.shuffle = index % 2 === 0;
  if (index === 4) params.budget = 3_000_000_000;
  const metrics: Record<string, number> = index % 4 === 3 ? {} : { test_auc: 0.5 + ((index * 37) % 50) / 100 };
  return finishedRun(
    { experiment, params, metrics, status: statuses[index % 5] ?? 'succeeded' },
    new Date(Date.parse('2026-03-01T00:00:00Z') + index * 60_000),
  );
}

async function expectSameAsScan(
  projection: RunSearchProjection,
  experiment: string,
  pageSizes: readonly number[] = [3, 100],
): Promise<void> {
  for (const search of searches) {
    for (const pageSize of pageSizes) {
      const expected = await allPages(scan, experiment, search, pageSize);
      const actual = await allPages(viaProjection(projection), experiment, search, pageSize);
      expect(actual, `${JSON.stringify(search)} in pages of ${pageSize}`).toEqual(expected);
    }
  }
}

describe('the run search projection', () => {
  const experiment = uniqueName('projection-');
  const runs: RunRecord[] = [];

  beforeAll(async () => {
    for (let index = 0; index < 30; index++) runs.push(seedRun(experiment, index));
    await store.importBatch(runs);
  });

  it('answers every search, page by page, as the table scan does', async () => {
    const projection = new RunSearchProjection(storage);
    await expectSameAsScan(projection, experiment, [1, 3, 100]);
  });

  it('stays equal to the runs table under 20 concurrent run updates, each visible to the next search', async () => {
    const warm = new RunSearchProjection(storage);
    await warm.list(runQueryOf({ experiment, order: 'asc' }, []), 1, undefined);
    const writers = 20;
    const stepsPerWriter = 4;
    const missed: string[] = [];

    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        // Two writers per run, so every run row is contended under its ETag.
        const target = runs[writer % 10];
        if (target === undefined) throw new Error('no run');
        const writerStore = new RunStore(storage);
        for (let step = 1; step <= stepsPerWriter; step++) {
          const metric = `w${writer}`;
          await writerStore.update(target.runId, (current) => ({
            ...current,
            status: (['running', 'succeeded', 'failed', 'cancelled'] as const)[(writer + step) % 4] ?? 'running',
            metrics: { ...current.metrics, [metric]: step, test_auc: 0.5 + ((writer * 7 + step) % 50) / 100 },
            trainedOnErasedData: step % 2 === 0 ? true : undefined,
          }));
          // Read-your-writes: a search that starts after the write returned must see it.
          const seen = await warm.list(
            runQueryOf({ experiment, order: 'asc' }, [`metrics.${metric}=${step}`]),
            10,
            undefined,
          );
          if (!seen.items.some((run) => run.runId === target.runId)) missed.push(`${metric}=${step}`);
        }
        // A new run from every writer as well: creation goes through the projection too.
        await writerStore.create(seedRun(experiment, 100 + writer));
      }),
    );

    expect(missed).toEqual([]);
    await expectSameAsScan(warm, experiment);
    // A projection built only now (another instance, or a restart) agrees as well.
    await expectSameAsScan(new RunSearchProjection(storage), experiment);
    const all = await warm.list(runQueryOf({ experiment, order: 'asc' }, []), 1000, undefined);
    expect(all.items).toHaveLength(30 + writers);
    for (const run of all.items) expect(run).toEqual(await store.get(run.runId));
    // The stored JSON a response carries is the record's own serialisation.
    const asJson = await warm.listJson(runQueryOf({ experiment, order: 'asc' }, []), 1000, undefined);
    expect(asJson.items).toEqual(all.items.map((run) => JSON.stringify(run)));
  });

  it('builds itself from runs stored before the projection existed (no stamp row)', async () => {
    const older = uniqueName('older-');
    const oldRuns = Array.from({ length: 12 }, (_, index) => seedRun(older, index));
    await store.importBatch(oldRuns);
    const stamps = await storage.table(runSearchTable);
    await stamps.deleteEntity(tableKeyOf(older), 'stamp');
    const projection = new RunSearchProjection(storage);
    await expectSameAsScan(projection, older);
    // The first write by this version stamps the experiment, and the projection follows it.
    const [first] = oldRuns;
    if (first === undefined) throw new Error('no run');
    await store.update(first.runId, (current) => ({ ...current, metrics: { ...current.metrics, test_auc: 0.99 } }));
    const best = await projection.list(
      runQueryOf({ experiment: older, orderBy: 'metrics.test_auc', order: 'desc' }, []),
      1,
      undefined,
    );
    expect(best.items[0]?.runId).toBe(first.runId);
  });
});

describe('writes that do not stamp (an older version during a deployment)', () => {
  it('are seen once the periodic rebuild has run, while searches go on from the current snapshot', async () => {
    const experiment = uniqueName('unstamped-');
    const [known, ...rest] = Array.from({ length: 5 }, (_, index) => seedRun(experiment, index));
    if (known === undefined) throw new Error('no run');
    await store.importBatch([known, ...rest]);
    const projection = new RunSearchProjection(storage, 0);
    const query = runQueryOf({ experiment, order: 'asc' }, ['metrics.test_auc>=2']);
    expect((await projection.list(query, 10, undefined)).items).toEqual([]);
    // The row as an older instance writes it: the run's row and columns, and no stamp.
    const runs = await storage.table(runsTable);
    const changed = { ...known, metrics: { test_auc: 2.5 } };
    await runs.updateEntity(
      { partitionKey: tableKeyOf(experiment), rowKey: known.runId, runJson: JSON.stringify(changed), m_test_auc: 2.5 },
      'Merge',
    );
    let seen: string[] = [];
    for (let attempt = 0; attempt < 50 && seen.length === 0; attempt++) {
      seen = (await projection.list(query, 10, undefined)).items.map((run) => run.runId);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toEqual([known.runId]);
  });
});

/**
 * What the projection relies on from the table service, modelled offline on Azurite:
 * - "Insert Or Replace Entity" (Microsoft Learn, Azure Storage REST API): every replace gives the
 *   entity a new ETag, so the stamp row's ETag changes with each write that stamps it;
 * - "Understanding the Table service data model" (Microsoft Learn): Timestamp is a system
 *   property the server sets whenever the entity is modified;
 * - "Querying tables and entities" (Microsoft Learn): Timestamp can be filtered with a
 *   datetime'…' literal, which is how a refresh reads only the rows written since the last one.
 */
describe('the table service behaviour the projection relies on', () => {
  it('gives a replaced row a new ETag and a new Timestamp that a datetime filter finds', async () => {
    const table = await storage.table(uniqueName('stamps'));
    await table.upsertEntity({ partitionKey: 'p', rowKey: 'stamp' }, 'Replace');
    const first = await table.getEntity('p', 'stamp');
    await table.upsertEntity({ partitionKey: 'p', rowKey: 'other' }, 'Replace');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await table.upsertEntity({ partitionKey: 'p', rowKey: 'stamp' }, 'Replace');
    const second = await table.getEntity('p', 'stamp');
    expect(second.etag).not.toBe(first.etag);
    const firstWritten = Date.parse(first.timestamp ?? '');
    const secondWritten = Date.parse(second.timestamp ?? '');
    expect(secondWritten).toBeGreaterThan(firstWritten);

    const since = new Date(secondWritten).toISOString();
    const changed: string[] = [];
    for await (const row of table.listEntities({
      queryOptions: { filter: `PartitionKey eq 'p' and Timestamp ge datetime'${since}'` },
    })) {
      changed.push(String(row.rowKey));
    }
    expect(changed).toEqual(['stamp']);
  });
});
