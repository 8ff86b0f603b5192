import type { TableClient, TableEntity } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { TransientError } from '../../platform/errors/failureKinds.js';
import { isStatus, unlessNotFound } from '../../platform/storage/restErrors.js';
import type { EvaluationRecord, FoldResult } from './evaluationRecords.js';

export const evaluationsTable = 'evaluations';

const recordRow = 'evaluation';
const updateAttempts = 10;

interface JsonEntity extends TableEntity {
  json: string;
}

/** The row key of a fold's result: sorts by configuration, then fold. */
function foldRow(configuration: number, fold: number): string {
  return `fold-${String(configuration).padStart(3, '0')}-${String(fold).padStart(3, '0')}`;
}

/**
 * Evaluations in Table Storage, one partition each: the record (status, plan, aggregates) in one
 * row changed only under its ETag, and one row per finished fold, written whole (a retried write
 * rewrites the same row), so the record stays small however many folds there are.
 */
export class EvaluationStore {
  constructor(private readonly storage: StorageClients) {}

  /** Creates the record; creating it again returns the stored one. */
  async create(record: EvaluationRecord): Promise<EvaluationRecord> {
    const table = await this.#table();
    try {
      await table.createEntity<JsonEntity>({
        partitionKey: record.evaluationId,
        rowKey: recordRow,
        json: JSON.stringify(record),
      });
      return record;
    } catch (error: unknown) {
      if (!isStatus(error, 409)) throw error;
      return this.require(record.evaluationId);
    }
  }

  async get(evaluationId: string): Promise<EvaluationRecord | undefined> {
    const entity = await this.#entity(evaluationId);
    return entity === undefined ? undefined : (JSON.parse(entity.json) as EvaluationRecord);
  }

  async require(evaluationId: string): Promise<EvaluationRecord> {
    const record = await this.get(evaluationId);
    if (record === undefined) throw new Error(`Evaluation ${evaluationId} does not exist.`);
    return record;
  }

  /** Applies a change under the row's ETag, re-reading and retrying when another writer won. */
  async update(
    evaluationId: string,
    change: (current: EvaluationRecord) => EvaluationRecord,
  ): Promise<EvaluationRecord> {
    const table = await this.#table();
    for (let attempt = 0; attempt < updateAttempts; attempt++) {
      const current = await this.#entity(evaluationId);
      if (current === undefined) throw new Error(`Evaluation ${evaluationId} does not exist.`);
      const next = change(JSON.parse(current.json) as EvaluationRecord);
      try {
        await table.updateEntity<JsonEntity>(
          { partitionKey: evaluationId, rowKey: recordRow, json: JSON.stringify(next) },
          'Replace',
          { etag: current.etag },
        );
        return next;
      } catch (error: unknown) {
        if (!isStatus(error, 412)) throw error;
      }
    }
    throw new TransientError(`Evaluation ${evaluationId} kept changing; gave up after ${updateAttempts} attempts.`);
  }

  /** Records a fold's result; the same fold recorded again replaces its row. */
  async recordFold(evaluationId: string, result: FoldResult): Promise<void> {
    const table = await this.#table();
    await table.upsertEntity<JsonEntity>(
      { partitionKey: evaluationId, rowKey: foldRow(result.configuration, result.fold), json: JSON.stringify(result) },
      'Replace',
    );
  }

  /** The recorded folds, by configuration then fold. */
  async folds(evaluationId: string): Promise<FoldResult[]> {
    const table = await this.#table();
    const results: FoldResult[] = [];
    const filter = odata`PartitionKey eq ${evaluationId} and RowKey gt 'fold-' and RowKey lt 'fold.'`;
    for await (const entity of table.listEntities<JsonEntity>({ queryOptions: { filter } })) {
      results.push(JSON.parse(entity.json) as FoldResult);
    }
    return results.sort((a, b) => a.configuration - b.configuration || a.fold - b.fold);
  }

  async #table(): Promise<TableClient> {
    return this.storage.table(evaluationsTable);
  }

  async #entity(evaluationId: string): Promise<(JsonEntity & { etag: string }) | undefined> {
    const table = await this.#table();
    return unlessNotFound(() => table.getEntity<JsonEntity>(evaluationId, recordRow));
  }
}
