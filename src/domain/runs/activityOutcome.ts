import { clientSentence, errorForLog } from '../../platform/errors/clientError.js';
import { describeError } from '../../platform/errors/describeError.js';
import { failureKindOf } from '../../platform/errors/failureKinds.js';

/**
 * What a training activity returns instead of throwing when another attempt cannot help. The
 * durable engine retries every failed activity (callActivityWithRetry has no predicate in the
 * JavaScript SDK), so a permanent failure leaves the activity as a result, and the orchestrator
 * ends the run with it at once; a transient one is thrown and retried.
 */
export interface ActivityGaveUp {
  /** `reason` is for clients (one sentence, no server paths); `detail`, the whole error with its stack, for the log. */
  gaveUp: { reason: string; cancelled: boolean; detail?: string };
}

export function isActivityGaveUp(value: unknown): value is ActivityGaveUp {
  if (typeof value !== 'object' || value === null || !('gaveUp' in value)) return false;
  const { gaveUp } = value;
  return typeof gaveUp === 'object' && gaveUp !== null && 'reason' in gaveUp && typeof gaveUp.reason === 'string';
}

/** Runs an activity's work: its result, a give-up for a permanent failure, or the transient error thrown on. */
export async function settled<T>(work: () => Promise<T>): Promise<T | ActivityGaveUp> {
  try {
    return await work();
  } catch (error: unknown) {
    const kind = failureKindOf(error);
    if (kind === 'transient') throw error;
    return {
      gaveUp: {
        reason: clientSentence(describeError(error)),
        cancelled: kind === 'cancelled',
        detail: errorForLog(error),
      },
    };
  }
}
