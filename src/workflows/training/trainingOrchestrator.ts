import { isActivityGaveUp } from '../../domain/runs/activityOutcome.js';
import type { EpochSummary, RunPlan } from '../../domain/runExecution/trainingProgress.js';
import { describeError } from '../../platform/errors/describeError.js';
import { clientFailure, correlationIdFor } from '../../platform/errors/clientError.js';
import { setBoundedCustomStatus } from '../customStatus.js';

/**
 * The "training" orchestration: a pure function of its history, as Durable Functions requires.
 * Each epoch is its own activity, so a host that dies mid-training resumes from the last
 * finished epoch's checkpoint rather than from the start; epoch progress is the custom status.
 */

export const trainingActivityNames = {
  prepareRun: 'trainingPrepareRun',
  trainEpoch: 'trainingTrainEpoch',
  evaluateRun: 'trainingEvaluateRun',
  registerModel: 'trainingRegisterModel',
  completeRun: 'trainingCompleteRun',
  failRun: 'trainingFailRun',
} as const;

export const trainingOrchestrationName = 'training';

/** The part of the durable orchestration context the workflow uses (context.df implements it). */
export interface TrainingOrchestrationContext<Task, Retry> {
  callActivity(name: string, input?: unknown): Task;
  callActivityWithRetry(name: string, retryOptions: Retry, input?: unknown): Task;
  setCustomStatus(status: unknown): void;
}

export interface TrainingInput {
  runId: string;
}

export interface TrainingOutcome {
  runId: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  modelVersion: string | null;
  error: string | null;
}

/** An activity gave up for good (activityOutcome.ts): the run ends now, without further attempts. */
class RunEnded extends Error {
  constructor(
    readonly reason: string,
    readonly cancelled: boolean,
    readonly detail: string,
  ) {
    super(reason);
    this.name = 'RunEnded';
  }
}

/** An activity's result, or the end of the run when it gave up. */
function resultOf(value: unknown): unknown {
  if (isActivityGaveUp(value))
    throw new RunEnded(value.gaveUp.reason, value.gaveUp.cancelled, value.gaveUp.detail ?? value.gaveUp.reason);
  return value;
}

/**
 * What a failure says of itself, without the wrapping operators need only: a TaskFailedError's
 * message is "type: message", and a failure the host reports as Reason and Details arrives with
 * the stack trace in Details; its `failureDetails.errorMessage` is the activity's own message.
 */
export function failureCauseOf(error: unknown): unknown {
  // The activity's sentence for clients, with the stack it logged for operators.
  if (error instanceof RunEnded) return Object.assign(new Error(error.reason), { stack: error.detail });
  const details = (error as { failureDetails?: { errorMessage?: unknown } } | null)?.failureDetails;
  if (typeof details?.errorMessage === 'string' && details.errorMessage !== '') return details.errorMessage;
  return error;
}

export function* trainingOrchestrator<Task, Retry>(
  context: TrainingOrchestrationContext<Task, Retry>,
  input: TrainingInput,
  retry: Retry,
): Generator<Task, TrainingOutcome, unknown> {
  const { runId } = input;
  try {
    setBoundedCustomStatus(context, { runId, phase: 'preparing' });
    const plan = resultOf(
      yield context.callActivityWithRetry(trainingActivityNames.prepareRun, retry, { runId }),
    ) as RunPlan;
    for (let epoch = 1; epoch <= plan.epochs; epoch++) {
      const summary = resultOf(
        yield context.callActivityWithRetry(trainingActivityNames.trainEpoch, retry, { runId, epoch }),
      ) as EpochSummary;
      setBoundedCustomStatus(context, { runId, phase: 'training', ...summary });
    }
    setBoundedCustomStatus(context, { runId, phase: 'evaluating' });
    resultOf(yield context.callActivityWithRetry(trainingActivityNames.evaluateRun, retry, { runId }));
    const version = resultOf(
      yield context.callActivityWithRetry(trainingActivityNames.registerModel, retry, { runId }),
    ) as string;
    resultOf(
      yield context.callActivityWithRetry(trainingActivityNames.completeRun, retry, { runId, modelVersion: version }),
    );
    setBoundedCustomStatus(context, { runId, phase: 'succeeded', modelVersion: version });
    return { runId, status: 'succeeded', modelVersion: version, error: null };
  } catch (error: unknown) {
    if (error instanceof RunEnded && error.cancelled) {
      // Cancelled through the API, which recorded who and when; nothing more to write.
      setBoundedCustomStatus(context, { runId, phase: 'cancelled' });
      return { runId, status: 'cancelled', modelVersion: null, error: error.reason };
    }
    // The failure text carries the activity's stack and server paths: the run record, its audit
    // entry and the custom status get a sentence and a correlation id; failRun logs the rest.
    const failure = clientFailure(failureCauseOf(error), correlationIdFor(runId, describeError(error)));
    yield context.callActivity(trainingActivityNames.failRun, {
      runId,
      reason: failure.message,
      correlationId: failure.correlationId,
      detail: failure.detail,
    });
    setBoundedCustomStatus(context, { runId, phase: 'failed', error: failure.message });
    return { runId, status: 'failed', modelVersion: null, error: failure.message };
  }
}
