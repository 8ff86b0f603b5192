import type { AuditTrail } from './auditTrail.js';
import type { ChainVerification } from './auditRecords.js';
import type { AuditCheckpointStore, ListedCheckpoint } from './checkpointStore.js';
import { matchesName, verifiedCheckpoint } from './auditCheckpoint.js';

/**
 * - intact: the chain verifies and agrees with every checkpoint;
 * - unanchored: the chain verifies, but no checkpoint exists yet to compare it with;
 * - truncated: the chain verifies on its own, but a checkpoint anchors an entry it no longer has
 *   (its head is before the latest checkpoint) or has differently (cut, then appended to again);
 * - broken: an entry's link, hash or sequence does not hold;
 * - checkpoint-invalid: the latest checkpoint is not a checkpoint signed with the audit key.
 */
export type AuditVerificationResult = 'intact' | 'unanchored' | 'truncated' | 'broken' | 'checkpoint-invalid';

export interface AuditVerification {
  result: AuditVerificationResult;
  /** True for intact and unanchored. */
  valid: boolean;
  detail: string;
  /** Entries that verified. */
  entries: number;
  chain: ChainVerification;
  /** The latest checkpoint, as listed. */
  checkpoint: { sequence: number; headHash: string; at: string | null; blob: string } | null;
  checkpoints: number;
}

/**
 * Re-walks the chain (AuditTrail.verify) and compares it with the checkpoints written outside the
 * table. Deleting the newest entries and rewinding the head row leaves a chain that verifies on
 * its own; only the checkpoint, which the table's writer cannot rewrite, shows the cut.
 */
export async function verifyAnchoredChain(
  trail: AuditTrail,
  store: AuditCheckpointStore,
  key: Buffer,
): Promise<AuditVerification> {
  const listed = await store.list();
  const latestListed = listed.at(-1);
  const expected = new Map<number, ListedCheckpoint[]>();
  for (const checkpoint of listed)
    expected.set(checkpoint.sequence, [...(expected.get(checkpoint.sequence) ?? []), checkpoint]);
  const disagreeing: ListedCheckpoint[] = [];
  const chain = await trail.verify((link) => {
    for (const checkpoint of expected.get(link.sequence) ?? []) {
      if (checkpoint.hash !== link.hash) disagreeing.push(checkpoint);
    }
  });
  const entries = chain.entries;
  const report = (result: AuditVerificationResult, detail: string, at: string | null = null): AuditVerification => ({
    result,
    valid: result === 'intact' || result === 'unanchored',
    detail,
    entries,
    chain,
    checkpoint:
      latestListed === undefined
        ? null
        : { sequence: latestListed.sequence, headHash: latestListed.hash, at, blob: latestListed.blob },
    checkpoints: listed.length,
  });

  if (latestListed === undefined) {
    return chain.valid
      ? report('unanchored', `The chain of ${entries} entries verifies; no checkpoint has been written yet.`)
      : report('broken', `Entry ${chain.brokenAt}: ${chain.reason}.`);
  }
  const latest = verifiedCheckpoint(key, await store.read(latestListed.blob));
  if (!matchesName(latest, latestListed)) {
    return report('checkpoint-invalid', `${latestListed.blob} is not a checkpoint signed with the audit key.`);
  }
  if (!chain.valid) return report('broken', `Entry ${chain.brokenAt}: ${chain.reason}.`, latest.at);
  if (entries < latest.sequence) {
    return report(
      'truncated',
      `The chain ends at entry ${entries}, but checkpoint ${latestListed.blob} (${latest.at}) anchors entry ${latest.sequence}: entries were removed from its end.`,
      latest.at,
    );
  }
  const first = disagreeing[0];
  if (first !== undefined) {
    return report(
      'truncated',
      `Entry ${first.sequence} hashes differently from checkpoint ${first.blob}: the chain was cut there and appended to again.`,
      latest.at,
    );
  }
  return report(
    'intact',
    `The chain of ${entries} entries verifies and agrees with ${listed.length} checkpoint(s), the latest at entry ${latest.sequence}.`,
    latest.at,
  );
}
