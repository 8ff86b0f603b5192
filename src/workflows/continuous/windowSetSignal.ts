import {
  continuousTrainingInstanceId,
  continuousTrainingOrchestrationName,
  windowSetReadyEvent,
  type ContinuousTrainingInput,
} from './continuousTrainingOrchestrator.js';

/** The part of the durable client signalling uses (durable-functions' DurableClient implements it). */
export interface OrchestrationSignaller {
  getStatus(instanceId: string): Promise<{ runtimeStatus?: string | undefined }>;
  startNew(name: string, options: { instanceId: string; input: ContinuousTrainingInput }): Promise<string>;
  raiseEvent(instanceId: string, eventName: string, eventData: unknown): Promise<void>;
}

export interface ReadyWindowSet {
  subject: string;
  version: string;
}

const finished = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);
const attempts = 3;

/**
 * Tells an experiment's continuous-training singleton that a labelled window set is ready:
 * starts it (already counting this window set) when it is not running, raises an event otherwise.
 * Safe to repeat: a duplicate only restarts the quiet period. Two callers racing to start it
 * meet the engine's refusal to start a running instance (host.json overridableExistingInstanceStates),
 * and the loser raises the event instead.
 */
export async function signalWindowSetReady(
  client: OrchestrationSignaller,
  experiment: string,
  windowSet: ReadyWindowSet,
): Promise<'started' | 'signalled'> {
  const instanceId = continuousTrainingInstanceId(experiment);
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const status = await statusOf(client, instanceId);
    if (status === undefined || finished.has(status)) {
      try {
        await client.startNew(continuousTrainingOrchestrationName, {
          instanceId,
          input: { experiment, pending: true },
        });
        return 'started';
      } catch (error: unknown) {
        lastError = error;
        continue;
      }
    }
    await client.raiseEvent(instanceId, windowSetReadyEvent, windowSet);
    return 'signalled';
  }
  throw lastError instanceof Error ? lastError : new Error(`Could not signal ${instanceId}.`);
}

/** The instance's runtime status; undefined when there is none (the client reports that as an HTTP 404 error). */
async function statusOf(client: OrchestrationSignaller, instanceId: string): Promise<string | undefined> {
  try {
    return (await client.getStatus(instanceId)).runtimeStatus ?? 'Pending';
  } catch (error: unknown) {
    if (error instanceof Error && /\b404\b/.test(error.message)) return undefined;
    throw error;
  }
}
