import type { Actor } from '../../platform/identity/actor.js';
import { HttpProblem } from '../../platform/http/httpProblem.js';
import { cancelRun, mayCancel, type CancelServices } from '../runs/cancelRun.js';
import type { EvaluationRecord } from './evaluationRecords.js';
import { EvaluationStore } from './evaluationStore.js';

class EvaluationFinished extends Error {
  constructor(readonly status: string) {
    super(status);
  }
}

export interface EvaluationCancelOutcome {
  evaluation: EvaluationRecord;
  /** False when it was cancelled before (the call is idempotent). */
  changed: boolean;
  /** Fold runs this call cancelled. */
  cancelledRuns: string[];
}

/**
 * POST /api/evaluations/{id}/cancel. The evaluation is recorded as cancelled (who, when) under its
 * ETag first, so one that finishes meanwhile is a 409; then every fold run not yet finished is
 * cancelled as POST /api/runs/{runId}/cancel would (each audited). The orchestration is not
 * terminated: its children stop at their next step and report cancelled, and it ends by itself,
 * keeping the status cancelled. Who may: a ModelApprover, or the Researcher who started it.
 */
export async function cancelEvaluation(
  services: CancelServices,
  evaluationId: string,
  actor: Actor,
): Promise<EvaluationCancelOutcome> {
  const store = new EvaluationStore(services.storage);
  const evaluation = await store.get(evaluationId);
  if (evaluation === undefined) throw new HttpProblem('not-found', `No evaluation ${evaluationId}.`);
  if (!mayCancel(actor, { createdBy: evaluation.createdBy })) {
    throw new HttpProblem(
      'forbidden',
      'Only a ModelApprover or the Researcher who started the evaluation may cancel it.',
    );
  }
  const at = (services.now?.() ?? new Date()).toISOString();
  let changed = false;
  let cancelled: EvaluationRecord;
  try {
    cancelled = await store.update(evaluationId, (current) => {
      changed = current.status !== 'cancelled';
      if (!changed) return current;
      if (current.status === 'succeeded' || current.status === 'failed') throw new EvaluationFinished(current.status);
      return { ...current, status: 'cancelled', finishedAt: at, cancellation: { by: actor.id, at } };
    });
  } catch (error: unknown) {
    if (!(error instanceof EvaluationFinished)) throw error;
    throw new HttpProblem('conflict', `Evaluation ${evaluationId} has already ${error.status}.`, {
      evaluationStatus: error.status,
    });
  }
  const cancelledRuns: string[] = [];
  for (const fold of cancelled.folds) {
    try {
      const outcome = await cancelRun(services, fold.runId, actor);
      if (outcome.changed) cancelledRuns.push(fold.runId);
    } catch (error: unknown) {
      // A fold that finished (409) keeps its result; one not created yet (404) will not start.
      if (error instanceof HttpProblem && (error.kind === 'conflict' || error.kind === 'not-found')) continue;
      throw error;
    }
  }
  return { evaluation: cancelled, changed, cancelledRuns };
}
