import { createHmac } from 'node:crypto';
import type { AuditEntry } from './auditRecords.js';
import { canonicalJson } from '../../platform/canonicalJson.js';

export const genesisHash = '0'.repeat(64);

/**
 * HMAC-SHA256 over the entry's content and the previous entry's hash, in a canonical JSON form
 * (sorted keys), so any edit of an entry or of the order breaks the chain from there on.
 */
export function entryHash(key: Buffer, entry: Omit<AuditEntry, 'hash'>): string {
  return createHmac('sha256', key).update(canonicalJson(entry)).digest('hex');
}
