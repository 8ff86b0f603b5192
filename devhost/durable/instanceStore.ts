import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import { isStatus } from '../storage/restStatus.js';
import { joinText, splitText } from './splitText.js';
import { outboundMessagesSchema, type OutboundMessage, type ParentLink } from './durableMessages.js';

export type RuntimeStatus =
  'Pending' | 'Running' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Canceled' | 'Terminated' | 'Suspended';

const terminalStatuses: ReadonlySet<RuntimeStatus> = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);

export function isTerminal(status: RuntimeStatus): boolean {
  return terminalStatuses.has(status);
}

/**
 * One orchestration instance: its status view and the commit point of its history. An episode
 * counts as applied once this row, with `historyLength` and the `outbox`, is replaced under its ETag.
 */
export interface InstanceRecord {
  instanceId: string;
  name: string;
  runtimeStatus: RuntimeStatus;
  /** JSON text of the current execution's input, output and custom status; null when absent. */
  input: string | null;
  output: string | null;
  customStatus: string | null;
  createdTime: string;
  lastUpdatedTime: string;
  executionId: string;
  /** History rows of the execution beyond this count belong to an episode that never committed. */
  historyLength: number;
  parent?: ParentLink;
  /** Messages of committed episodes not yet known to be sent; flushed before anything else. */
  outbox: OutboundMessage[];
}

export interface StoredInstance {
  record: InstanceRecord;
  etag: string;
}

export interface InstanceQuery {
  createdTimeFrom?: string;
  createdTimeTo?: string;
  runtimeStatus?: string[];
  top: number;
  continuationToken?: string;
}

export class ConcurrencyConflictError extends Error {}

export class InstanceStore {
  constructor(private readonly table: TableClient) {}

  async get(instanceId: string): Promise<StoredInstance | undefined> {
    try {
      const entity = await this.table.getEntity(instanceId, '');
      return { record: fromEntity(entity), etag: entity.etag };
    } catch (error: unknown) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  /** Inserts a new instance; undefined when one with that id already exists. */
  async create(record: InstanceRecord): Promise<StoredInstance | undefined> {
    try {
      const result = await this.table.createEntity(toEntity(record));
      return { record, etag: result.etag ?? '' };
    } catch (error: unknown) {
      if (isStatus(error, 409)) return undefined;
      throw error;
    }
  }

  /** Replaces the row if nobody changed it since `etag` was read; returns the new ETag. */
  async replace(record: InstanceRecord, etag: string): Promise<string> {
    try {
      const result = await this.table.updateEntity(toEntity(record), 'Replace', { etag });
      return result.etag ?? '';
    } catch (error: unknown) {
      if (isStatus(error, 412, 404)) {
        throw new ConcurrencyConflictError(`Instance ${record.instanceId} changed underneath this episode.`);
      }
      throw error;
    }
  }

  async delete(instanceId: string): Promise<boolean> {
    try {
      await this.table.deleteEntity(instanceId, '');
      return true;
    } catch (error: unknown) {
      if (isStatus(error, 404)) return false;
      throw error;
    }
  }

  async list(query: InstanceQuery): Promise<{ records: InstanceRecord[]; continuationToken?: string }> {
    const clauses: string[] = [];
    if (query.createdTimeFrom !== undefined) clauses.push(odata`CreatedTime ge ${query.createdTimeFrom}`);
    if (query.createdTimeTo !== undefined) clauses.push(odata`CreatedTime le ${query.createdTimeTo}`);
    const statuses = query.runtimeStatus ?? [];
    if (statuses.length > 0)
      clauses.push(`(${statuses.map((status) => odata`RuntimeStatus eq ${status}`).join(' or ')})`);
    const pages = this.table
      .listEntities(clauses.length > 0 ? { queryOptions: { filter: clauses.join(' and ') } } : {})
      .byPage({
        maxPageSize: query.top,
        ...(query.continuationToken === undefined ? {} : { continuationToken: query.continuationToken }),
      });
    const page = await pages.next();
    if (page.done === true) return { records: [] };
    const records = page.value.map(fromEntity);
    return page.value.continuationToken === undefined
      ? { records }
      : { records, continuationToken: page.value.continuationToken };
  }
}

function toEntity(record: InstanceRecord): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return {
    partitionKey: record.instanceId,
    rowKey: '',
    Name: record.name,
    RuntimeStatus: record.runtimeStatus,
    CreatedTime: record.createdTime,
    LastUpdatedTime: record.lastUpdatedTime,
    ExecutionId: record.executionId,
    HistoryLength: record.historyLength,
    ...(record.parent === undefined ? {} : { Parent: JSON.stringify(record.parent) }),
    ...splitText('Input', record.input),
    ...splitText('Output', record.output),
    ...splitText('CustomStatus', record.customStatus),
    ...splitText('Outbox', record.outbox.length === 0 ? null : JSON.stringify(record.outbox)),
  };
}

function fromEntity(entity: TableEntityResult<Record<string, unknown>>): InstanceRecord {
  const text = (name: string): string => (typeof entity[name] === 'string' ? entity[name] : '');
  const parent = typeof entity.Parent === 'string' ? (JSON.parse(entity.Parent) as ParentLink) : undefined;
  const outbox = joinText(entity, 'Outbox');
  return {
    instanceId: entity.partitionKey ?? '',
    name: text('Name'),
    runtimeStatus: text('RuntimeStatus') as RuntimeStatus,
    input: joinText(entity, 'Input'),
    output: joinText(entity, 'Output'),
    customStatus: joinText(entity, 'CustomStatus'),
    createdTime: text('CreatedTime'),
    lastUpdatedTime: text('LastUpdatedTime'),
    executionId: text('ExecutionId'),
    historyLength: typeof entity.HistoryLength === 'number' ? entity.HistoryLength : 0,
    ...(parent === undefined ? {} : { parent }),
    outbox: outbox === null ? [] : outboundMessagesSchema.parse(JSON.parse(outbox)),
  };
}
