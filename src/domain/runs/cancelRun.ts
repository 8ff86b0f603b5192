import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { AuditTrail } from '../audit/auditTrail.js';
import type { Actor } from '../../platform/identity/actor.js';
import { HttpProblem } from '../../platform/http/httpProblem.js';
import { describeError } from '../../platform/errors/describeError.js';
import { RunStore } from './runStore.js';
import type { RunRecord } from './runRecords.js';

/** Ends a run's durable instance (instance id = run id); given by functions/, which holds the durable client. */
export type TerminateInstance = (instanceId: string, reason: string) => Promise<void>;

export interface CancelServices {
  storage: StorageClients;
  audit: AuditTrail;
  terminate: TerminateInstance;
  now?: () => Date;
}

export interface CancelOutcome {
  run: RunRecord;
  /** False when the run was cancelled before (the call is idempotent). */
  changed: boolean;
  /** Why terminating the instance failed; the run still stops at its next step, which checks for cancellation. */
  terminateError: string | undefined;
}

/** A ModelApprover may cancel any run; a Researcher only the runs they started. */
export function mayCancel(actor: Actor, run: Pick<RunRecord, 'createdBy'>): boolean {
  return actor.roles.includes('ModelApprover') || (actor.roles.includes('Researcher') && run.createdBy === actor.id);
}

class RunFinished extends Error {
  constructor(readonly status: string) {
    super(status);
  }
}

/**
 * POST /api/runs/{runId}/cancel. The run is recorded as cancelled (who, when) under its ETag
 * first, so a run that finishes meanwhile is a 409 rather than both; then the change is
 * audited and the durable instance terminated. Every training step checks for cancellation
 * before it starts and before it records an epoch (runCancellation.ts), so an epoch that was
 * training when the run was cancelled records nothing. Cancelling again answers the same run.
 *
 * A run started by continuous training (or a fold of an evaluation) is a sub-orchestration; its instance is not terminated
 * (whether a parent hears of a terminated child is not something to rely on), and it stops at its
 * next step, telling the parent it was cancelled.
 */
export async function cancelRun(services: CancelServices, runId: string, actor: Actor): Promise<CancelOutcome> {
  const store = new RunStore(services.storage);
  const run = await store.get(runId);
  if (run === undefined) throw new HttpProblem('not-found', `No run ${runId}.`);
  if (!mayCancel(actor, run)) {
    throw new HttpProblem('forbidden', 'Only a ModelApprover or the Researcher who started the run may cancel it.');
  }
  const at = (services.now?.() ?? new Date()).toISOString();
  const { cancelled, changed } =
    run.status === 'cancelled' ? { cancelled: run, changed: false } : await markCancelled(store, runId, actor, at);
  if (changed) {
    await services.audit.append({
      actor: actor.id,
      action: 'run-cancelled',
      target: `runs/${runId}`,
      details: { experiment: cancelled.experiment, epoch: cancelled.progress?.epoch ?? null },
    });
  }
  let terminateError: string | undefined;
  // Fold runs of an evaluation are sub-orchestrations too: they stop at their next step.
  if (cancelled.continuousTraining === undefined && cancelled.evaluation === undefined) {
    try {
      await services.terminate(runId, `cancelled by ${actor.id}`);
    } catch (error: unknown) {
      terminateError = describeError(error);
    }
  }
  return { run: cancelled, changed, terminateError };
}

/** Records the cancellation under the run's ETag; a run that finished first is a 409, one cancelled meanwhile is left as it is. */
async function markCancelled(
  store: RunStore,
  runId: string,
  actor: Actor,
  at: string,
): Promise<{ cancelled: RunRecord; changed: boolean }> {
  const marked = { changed: false };
  try {
    const cancelled = await store.update(runId, (current) => {
      marked.changed = current.status !== 'cancelled';
      if (!marked.changed) return current;
      if (current.status === 'succeeded' || current.status === 'failed') throw new RunFinished(current.status);
      return { ...current, status: 'cancelled', finishedAt: at, cancellation: { by: actor.id, at } };
    });
    return { cancelled, changed: marked.changed };
  } catch (error: unknown) {
    if (!(error instanceof RunFinished)) throw error;
    throw new HttpProblem(
      'conflict',
      `Run ${runId} has already ${error.status}; only a queued or running run can be cancelled.`,
      { runStatus: error.status },
    );
  }
}
