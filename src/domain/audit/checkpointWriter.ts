import type { AuditTrail } from './auditTrail.js';
import { genesisHash } from './auditHash.js';
import type { AuditCheckpointStore } from './checkpointStore.js';
import { matchesName, signCheckpoint, verifiedCheckpoint, type AuditCheckpoint } from './auditCheckpoint.js';

export type CheckpointOutcome =
  | { outcome: 'written'; checkpoint: AuditCheckpoint; blob: string }
  | { outcome: 'unchanged'; sequence: number }
  | { outcome: 'empty' }
  /** The chain no longer extends the latest checkpoint: anchoring it now would hide that. */
  | { outcome: 'refused'; reason: string };

/**
 * Takes a checkpoint of the chain's head, after checking that the head extends the latest
 * checkpoint (only the entries appended since are read). A chain that was cut or rewritten since
 * is never anchored: the new checkpoint would otherwise vouch for the altered history, and the
 * refusal is the alarm. The head is read first and the check stops there, so appends racing with
 * the timer are anchored next time. Run by a timer (functions/auditCheckpoint.ts): the tail
 * appended since the last run is not anchored yet, so the schedule bounds what can be cut unseen.
 */
export async function writeAuditCheckpoint(
  trail: AuditTrail,
  store: AuditCheckpointStore,
  key: Buffer,
  now: Date,
): Promise<CheckpointOutcome> {
  const head = await trail.head();
  if (head.sequence === 0) return { outcome: 'empty' };
  const latestListed = (await store.list()).at(-1);
  let from = { sequence: 0, hash: genesisHash };
  if (latestListed !== undefined) {
    const latest = verifiedCheckpoint(key, await store.read(latestListed.blob));
    if (!matchesName(latest, latestListed)) {
      return { outcome: 'refused', reason: `checkpoint ${latestListed.blob} is not a valid signed checkpoint` };
    }
    if (latest.sequence === head.sequence && latest.headHash === head.hash) {
      return { outcome: 'unchanged', sequence: head.sequence };
    }
    from = { sequence: latest.sequence, hash: latest.headHash };
  }
  const segment = await trail.verifySegment(from, head);
  if (!segment.valid) {
    return {
      outcome: 'refused',
      reason: `the chain does not extend checkpoint ${from.sequence}: entry ${segment.brokenAt}, ${segment.reason}`,
    };
  }
  const checkpoint = signCheckpoint(key, head, now);
  const { blob } = await store.write(checkpoint);
  return { outcome: 'written', checkpoint, blob };
}
