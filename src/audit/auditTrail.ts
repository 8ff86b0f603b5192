import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { setTimeout as delay } from 'node:timers/promises';
import type { StorageClients } from '../storage/storageClients.js';
import { isStatus } from '../storage/restErrors.js';
import { tablePage } from '../storage/tablePages.js';
import type { AuditKeySource } from './auditKey.js';
import { TransientError } from '../errors/failureKinds.js';
import { entryHash, genesisHash } from './auditHash.js';
import type { AuditAction, AuditEntry, AuditEvent, ChainVerification } from './auditRecords.js';

export const auditTable = 'audit';
const chainPartition = 'chain';
const headRow = 'head';
const entryPrefix = 'e|';

interface HeadEntity extends TableEntity {
  sequence: number;
  hash: string;
}

interface EntryEntity extends TableEntity {
  sequence: number;
  at: string;
  actor: string;
  action: AuditAction;
  target: string;
  detailsJson: string;
  previousHash: string;
  hash: string;
}

export interface AuditQuery {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: AuditAction | undefined;
}

const appendAttempts = 50;

/**
 * An append-only hash chain in one table partition: each entry's HMAC covers the entry and the
 * previous entry's hash. An append commits the entry and the advanced head row in one
 * transaction under the head's ETag, so concurrent appends serialise and the chain never forks.
 */
export class AuditTrail {
  constructor(
    private readonly storage: StorageClients,
    private readonly keySource: AuditKeySource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(event: AuditEvent): Promise<AuditEntry> {
    const [table, key] = await Promise.all([this.#table(), this.keySource.key()]);
    for (let attempt = 0; attempt < appendAttempts; attempt++) {
      const head = await this.#head(table);
      const unsigned = {
        ...event,
        sequence: (head?.sequence ?? 0) + 1,
        at: this.now().toISOString(),
        previousHash: head?.hash ?? genesisHash,
      };
      const entry: AuditEntry = { ...unsigned, hash: entryHash(key, unsigned) };
      const nextHead: HeadEntity = {
        partitionKey: chainPartition,
        rowKey: headRow,
        sequence: entry.sequence,
        hash: entry.hash,
      };
      const actions: TransactionAction[] = [
        head === undefined ? ['create', nextHead] : ['update', nextHead, 'Replace', { etag: head.etag }],
        ['create', entityOf(entry)],
      ];
      try {
        await table.submitTransaction(actions);
        return entry;
      } catch (error: unknown) {
        if (!isStatus(error, 409, 412)) throw error;
        // Another append took this sequence number: build on the new head.
        await delay(Math.random() * 20 * Math.min(attempt + 1, 5));
      }
    }
    throw new TransientError(
      `The audit chain stayed contended for ${appendAttempts} attempts; the event was not recorded.`,
    );
  }

  async list(
    query: AuditQuery,
    pageSize: number,
    continuationToken: string | undefined,
  ): Promise<{ items: AuditEntry[]; continuationToken: string | undefined }> {
    const table = await this.#table();
    const page = await tablePage(
      table.listEntities<EntryEntity>({ queryOptions: { filter: filterOf(query) } }),
      pageSize,
      continuationToken,
    );
    return { items: page.items.map(entryOf), continuationToken: page.continuationToken };
  }

  /** Re-walks the whole chain and reports the first entry whose link or hash does not hold. */
  async verify(): Promise<ChainVerification> {
    const [table, key] = await Promise.all([this.#table(), this.keySource.key()]);
    let previousHash = genesisHash;
    let expected = 1;
    for await (const entity of table.listEntities<EntryEntity>({ queryOptions: { filter: filterOf({}) } })) {
      const entry = entryOf(entity);
      const broken = (reason: string): ChainVerification => ({
        valid: false,
        entries: expected - 1,
        brokenAt: entry.sequence,
        reason,
      });
      if (entry.sequence !== expected) return broken(`expected entry ${expected}, found ${entry.sequence}`);
      if (entry.previousHash !== previousHash)
        return broken('its previous-hash link does not match the entry before it');
      const { hash, ...unsigned } = entry;
      if (entryHash(key, unsigned) !== hash) return broken('its content does not match its HMAC');
      previousHash = hash;
      expected++;
    }
    const head = await this.#head(table);
    if ((head?.sequence ?? 0) !== expected - 1 || (head?.hash ?? genesisHash) !== previousHash) {
      return {
        valid: false,
        entries: expected - 1,
        brokenAt: expected,
        reason: 'entries after the last one found are missing',
      };
    }
    return { valid: true, entries: expected - 1, lastHash: previousHash };
  }

  async #table(): Promise<TableClient> {
    return this.storage.table(auditTable);
  }

  async #head(table: TableClient): Promise<(HeadEntity & { etag: string }) | undefined> {
    try {
      return await table.getEntity<HeadEntity>(chainPartition, headRow);
    } catch (error: unknown) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }
}

function filterOf(query: AuditQuery): string {
  const parts = [odata`PartitionKey eq ${chainPartition} and RowKey ge ${entryPrefix} and RowKey lt ${'e}'}`];
  if (query.from !== undefined) parts.push(odata`at ge ${query.from}`);
  if (query.to !== undefined) parts.push(odata`at lt ${query.to}`);
  if (query.actor !== undefined) parts.push(odata`actor eq ${query.actor}`);
  if (query.action !== undefined) parts.push(odata`action eq ${query.action}`);
  return parts.join(' and ');
}

function entityOf(entry: AuditEntry): EntryEntity {
  return {
    partitionKey: chainPartition,
    rowKey: `${entryPrefix}${String(entry.sequence).padStart(12, '0')}`,
    sequence: entry.sequence,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    detailsJson: JSON.stringify(entry.details),
    previousHash: entry.previousHash,
    hash: entry.hash,
  };
}

function entryOf(entity: EntryEntity): AuditEntry {
  return {
    sequence: entity.sequence,
    at: entity.at,
    actor: entity.actor,
    action: entity.action,
    target: entity.target,
    details: JSON.parse(entity.detailsJson) as AuditEntry['details'],
    previousHash: entity.previousHash,
    hash: entity.hash,
  };
}
