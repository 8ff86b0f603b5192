import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { setTimeout as delay } from 'node:timers/promises';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { isStatus, unlessNotFound } from '../../platform/storage/restErrors.js';
import { tablePage } from '../../platform/storage/tablePages.js';
import type { AuditKeySource } from './auditKey.js';
import { TransientError } from '../../platform/errors/failureKinds.js';
import { entryHash, genesisHash } from './auditHash.js';
import { rowSizedDetails } from './auditDetailsSize.js';
import type { AuditAction, AuditEntry, AuditEvent, ChainLink, ChainVerification } from './auditRecords.js';

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
    // Large details would make the row fail (PropertyValueTooLarge): they go to a blob instead.
    const details = await rowSizedDetails(this.storage.blobs, event.details);
    for (let attempt = 0; attempt < appendAttempts; attempt++) {
      const head = await this.#head(table);
      const unsigned = {
        ...event,
        details,
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

  /**
   * Re-walks the whole chain and reports the first entry whose link or hash does not hold.
   * `onEntry` sees each entry that verified, so a caller can compare it with external anchors.
   */
  async verify(onEntry?: (link: ChainLink) => void): Promise<ChainVerification> {
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
      onEntry?.({ sequence: entry.sequence, hash });
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

  /** The head row as the table holds it now: the newest entry's sequence and hash (0 and the genesis hash when empty). */
  async head(): Promise<ChainLink> {
    const head = await this.#head(await this.#table());
    return { sequence: head?.sequence ?? 0, hash: head?.hash ?? genesisHash };
  }

  /**
   * Checks the entries after `from` up to and including `to`: `from` must still be on the chain
   * (its entry holds that hash), and every later entry must link to the one before and match its
   * HMAC. Reads only that range, so a periodic check costs what was appended since, not the chain.
   */
  async verifySegment(from: ChainLink, to: ChainLink): Promise<ChainVerification> {
    const [table, key] = await Promise.all([this.#table(), this.keySource.key()]);
    const broken = (at: number, reason: string): ChainVerification => ({
      valid: false,
      entries: 0,
      brokenAt: at,
      reason,
    });
    if (to.sequence < from.sequence)
      return broken(to.sequence + 1, `the chain ends at ${to.sequence}, before ${from.sequence}`);
    const filter = odata`PartitionKey eq ${chainPartition} and RowKey ge ${rowKeyOf(Math.max(from.sequence, 1))} and RowKey le ${rowKeyOf(Math.max(to.sequence, 1))}`;
    let previousHash = from.sequence === 0 ? genesisHash : undefined;
    let expected = from.sequence === 0 ? 1 : from.sequence;
    let walked = 0;
    for await (const entity of table.listEntities<EntryEntity>({ queryOptions: { filter } })) {
      if (expected > to.sequence) break;
      walked++;
      const entry = entryOf(entity);
      if (entry.sequence !== expected) return broken(expected, `expected entry ${expected}, found ${entry.sequence}`);
      const { hash, ...unsigned } = entry;
      if (entryHash(key, unsigned) !== hash) return broken(entry.sequence, 'its content does not match its HMAC');
      if (previousHash === undefined) {
        if (hash !== from.hash) return broken(entry.sequence, 'its hash differs from the one anchored for it');
      } else if (entry.previousHash !== previousHash) {
        return broken(entry.sequence, 'its previous-hash link does not match the entry before it');
      }
      previousHash = hash;
      expected++;
    }
    if (expected <= to.sequence || (to.sequence > 0 && previousHash !== to.hash)) {
      return broken(expected, 'the entries up to the head are missing or differ from it');
    }
    return { valid: true, entries: walked, lastHash: to.hash };
  }

  async #table(): Promise<TableClient> {
    return this.storage.table(auditTable);
  }

  async #head(table: TableClient): Promise<(HeadEntity & { etag: string }) | undefined> {
    return unlessNotFound(() => table.getEntity<HeadEntity>(chainPartition, headRow));
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

function rowKeyOf(sequence: number): string {
  return `${entryPrefix}${String(sequence).padStart(12, '0')}`;
}

function entityOf(entry: AuditEntry): EntryEntity {
  return {
    partitionKey: chainPartition,
    rowKey: rowKeyOf(entry.sequence),
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
