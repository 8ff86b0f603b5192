import { publicReasonOf } from '../errors/publicReason.js';
import { failureKindOf } from '../errors/failureKinds.js';

/**
 * What a training activity returns instead of throwing when another attempt cannot help. The
 * durable engine retries every failed activity (callActivityWithRetry has no predicate in the
 * JavaScript SDK), so a permanent failure leaves the activity as a result, and the orchestrator
 * ends the run with it at once; a transient one is thrown and retried.
 */
export interface ActivityGaveUp {
  gaveUp: { reason: string; cancelled: boolean };
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
    return { gaveUp: { reason: publicReasonOf(error), cancelled: kind === 'cancelled' } };
  }
}
