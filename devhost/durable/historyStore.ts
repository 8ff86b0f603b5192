import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { joinText, splitText } from './splitText.js';
import type { HistoryEvent } from './historyEvents.js';

/** Why the engine wrote a scheduling event: for an orchestrator action, or for a retry it drives. */
export type EventOrigin = { actionIndex: number } | { retryOf: number; role: 'timer' | 'attempt' };

export interface StoredEvent {
  event: HistoryEvent;
  /** The control message the event came from, so a redelivered message is recognised. */
  messageId?: string;
  origin?: EventOrigin;
}

const batchLimit = 100;

/**
 * History rows: partition = instance, row = `<executionId>:<position>`. Rows past the instance
 * row's `historyLength` are leftovers of an episode that crashed before its commit; the next
 * attempt overwrites them, so writes are upserts and reads stop at the committed length.
 */
export class HistoryStore {
  constructor(private readonly table: TableClient) {}

  async read(instanceId: string, executionId: string, length: number): Promise<StoredEvent[]> {
    if (length === 0) return [];
    const events: StoredEvent[] = [];
    const filter = odata`PartitionKey eq ${instanceId} and RowKey ge ${rowKey(executionId, 0)} and RowKey lt ${rowKey(executionId, length)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      const json = joinText(entity, 'Event');
      if (json === null) throw new Error(`History row ${entity.rowKey ?? ''} of ${instanceId} has no event.`);
      events.push({
        event: JSON.parse(json) as HistoryEvent,
        ...(typeof entity.MessageId === 'string' ? { messageId: entity.MessageId } : {}),
        ...(typeof entity.Origin === 'string' ? { origin: JSON.parse(entity.Origin) as EventOrigin } : {}),
      });
    }
    if (events.length !== length) {
      throw new Error(`History of ${instanceId} has ${events.length} committed events where ${length} were recorded.`);
    }
    return events;
  }

  async write(instanceId: string, executionId: string, firstPosition: number, events: StoredEvent[]): Promise<void> {
    const actions: TransactionAction[] = events.map((stored, offset) => [
      'upsert',
      {
        partitionKey: instanceId,
        rowKey: rowKey(executionId, firstPosition + offset),
        ...splitText('Event', JSON.stringify(stored.event)),
        ...(stored.messageId === undefined ? {} : { MessageId: stored.messageId }),
        ...(stored.origin === undefined ? {} : { Origin: JSON.stringify(stored.origin) }),
      },
      'Replace',
    ]);
    for (let start = 0; start < actions.length; start += batchLimit) {
      await this.table.submitTransaction(actions.slice(start, start + batchLimit));
    }
  }

  /** Deletes every row of the instance, or only those of one execution when `executionId` is given. */
  async delete(instanceId: string, executionId?: string): Promise<void> {
    const filter =
      executionId === undefined
        ? odata`PartitionKey eq ${instanceId}`
        : odata`PartitionKey eq ${instanceId} and RowKey ge ${rowKey(executionId, 0)} and RowKey lt ${`${executionId};`}`;
    const deletions: TransactionAction[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) {
      deletions.push(['delete', { partitionKey: instanceId, rowKey: entity.rowKey ?? '' }]);
    }
    for (let start = 0; start < deletions.length; start += batchLimit) {
      await this.table.submitTransaction(deletions.slice(start, start + batchLimit));
    }
  }
}

function rowKey(executionId: string, position: number): string {
  return `${executionId}:${position.toString().padStart(8, '0')}`;
}
