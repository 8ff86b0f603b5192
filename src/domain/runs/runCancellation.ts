import { RunCancelledError } from '../../platform/errors/failureKinds.js';
import type { RunRecord } from './runRecords.js';

/**
 * The run, unless it was cancelled: then the step stops with RunCancelledError, which is never
 * retried and ends the orchestration as cancelled. Steps check before their work and again, under
 * the run's ETag, before they record anything.
 */
export function notCancelled(run: RunRecord): RunRecord {
  if (run.status === 'cancelled') throw RunCancelledError.of(run.runId);
  return run;
}
