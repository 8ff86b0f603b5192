export const auditActions = [
  'upload-processed',
  'run-started',
  'run-finished',
  'run-cancelled',
  'version-registered',
  'stage-assigned',
  'stage-unassigned',
  'version-status-changed',
  'artifact-downloaded',
  'subject-erased',
  'e4-offset-stated',
  'retention-applied',
  'experiment-settings-changed',
  'automatic-run-queued',
  'challenger-judged',
  'uploads-swept',
  'evaluation-started',
  'evaluation-cancelled',
  'evaluation-finished',
  'evaluation-run-started',
] as const;

export type AuditAction = (typeof auditActions)[number];

/** What a caller asks to record. */
export interface AuditEvent {
  actor: string;
  action: AuditAction;
  /** What was acted on, e.g. `models/stress-cnn/stages/production` or `wesad-raw/S2/S2.pkl`. */
  target: string;
  details: Record<string, string | number | boolean | null>;
}

/** An entry of the chain: the event, its place, and the hashes that link it. */
export interface AuditEntry extends AuditEvent {
  sequence: number;
  at: string;
  previousHash: string;
  hash: string;
}

export type ChainVerification =
  | { valid: true; entries: number; lastHash: string }
  | { valid: false; entries: number; brokenAt: number; reason: string };

/** A place on the chain: an entry's sequence and hash (sequence 0 with the genesis hash: the empty chain). */
export interface ChainLink {
  sequence: number;
  hash: string;
}
