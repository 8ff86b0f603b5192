import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../platform/canonicalJson.js';
import type { ChainLink } from './auditRecords.js';

export const AUDIT_CHECKPOINT_FORMAT = 'wesad-audit-checkpoint-v1';

/** The chain's head at one moment, signed, as written outside the table (see checkpointStore.ts). */
export interface AuditCheckpoint {
  format: typeof AUDIT_CHECKPOINT_FORMAT;
  sequence: number;
  headHash: string;
  /** When the checkpoint was taken (ISO 8601). */
  at: string;
  /** HMAC-SHA256 (hex) with the audit key over the canonical JSON of the other fields. */
  signature: string;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const auditCheckpointSchema = z.strictObject({
  format: z.literal(AUDIT_CHECKPOINT_FORMAT),
  sequence: z.int().positive(),
  headHash: hex64,
  at: z.iso.datetime(),
  signature: hex64,
});

/*
 * Why an HMAC, and why it is not enough on its own. The signature shows that whoever wrote the
 * checkpoint held the audit key: someone with access to storage alone can neither fabricate a
 * checkpoint nor alter one without verification noticing. It cannot stop a key holder (the app's
 * identity, or anyone who reads the Key Vault secret): with the key one can rewrite the chain,
 * re-sign every entry and sign a checkpoint that matches. What stops that is where checkpoints
 * are written: a container under a time-based retention (WORM) policy, in which no one — the key
 * holder included — can overwrite or delete a checkpoint until its retention ends. A rewritten
 * history therefore still disagrees with the checkpoints written before the rewrite.
 */

function signatureOf(key: Buffer, fields: Omit<AuditCheckpoint, 'signature'>): string {
  return createHmac('sha256', key).update(canonicalJson(fields)).digest('hex');
}

export function signCheckpoint(key: Buffer, head: ChainLink, at: Date): AuditCheckpoint {
  const fields = {
    format: AUDIT_CHECKPOINT_FORMAT,
    sequence: head.sequence,
    headHash: head.hash,
    at: at.toISOString(),
  } as const;
  return { ...fields, signature: signatureOf(key, fields) };
}

/** The checkpoint when `content` is one, signed with `key`; undefined for anything else. */
export function verifiedCheckpoint(key: Buffer, content: unknown): AuditCheckpoint | undefined {
  const parsed = auditCheckpointSchema.safeParse(content);
  if (!parsed.success) return undefined;
  const { signature, ...fields } = parsed.data;
  const expected = Buffer.from(signatureOf(key, fields), 'hex');
  const given = Buffer.from(signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given) ? parsed.data : undefined;
}

const sequenceDigits = 12;
const namePattern = /^checkpoints\/(\d{12})-([0-9a-f]{64})\.json$/;

/**
 * `checkpoints/{sequence, 12 digits}-{head hash}.json`. The blob service lists names in
 * lexicographical order, so with the sequence zero-padded the last name listed is the latest
 * checkpoint; the hash in the name lets a verification compare every checkpoint with the chain
 * from one listing, without downloading each.
 */
export function checkpointBlobName(head: ChainLink): string {
  return `checkpoints/${String(head.sequence).padStart(sequenceDigits, '0')}-${head.hash}.json`;
}

export function parseCheckpointBlobName(name: string): ChainLink | undefined {
  const match = namePattern.exec(name);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { sequence: Number.parseInt(match[1], 10), hash: match[2] };
}

/** Whether a verified checkpoint says what its blob name says (a renamed copy would not). */
export function matchesName(checkpoint: AuditCheckpoint | undefined, named: ChainLink): checkpoint is AuditCheckpoint {
  if (checkpoint === undefined) return false;
  return checkpoint.sequence === named.sequence && checkpoint.headHash === named.hash;
}
