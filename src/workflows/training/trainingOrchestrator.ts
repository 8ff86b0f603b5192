import type { EpochSummary, RunPlan } from '../../domain/runExecution/trainingProgress.js';
import { describeError } from '../../platform/errors/describeError.js';
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
  status: 'succeeded' | 'failed';
  modelVersion: string | null;
  error: string | null;
}

export function* trainingOrchestrator<Task, Retry>(
  context: TrainingOrchestrationContext<Task, Retry>,
  input: TrainingInput,
  retry: Retry,
): Generator<Task, TrainingOutcome, unknown> {
  const { runId } = input;
  try {
    setBoundedCustomStatus(context, { runId, phase: 'preparing' });
    const plan = (yield context.callActivityWithRetry(trainingActivityNames.prepareRun, retry, { runId })) as RunPlan;
    for (let epoch = 1; epoch <= plan.epochs; epoch++) {
      const summary = (yield context.callActivityWithRetry(trainingActivityNames.trainEpoch, retry, {
        runId,
        epoch,
      })) as EpochSummary;
      setBoundedCustomStatus(context, { runId, phase: 'training', ...summary });
    }
    setBoundedCustomStatus(context, { runId, phase: 'evaluating' });
    yield context.callActivityWithRetry(trainingActivityNames.evaluateRun, retry, { runId });
    const version = (yield context.callActivityWithRetry(trainingActivityNames.registerModel, retry, {
      runId,
    })) as string;
    yield context.callActivityWithRetry(trainingActivityNames.completeRun, retry, { runId, modelVersion: version });
    setBoundedCustomStatus(context, { runId, phase: 'succeeded', modelVersion: version });
    return { runId, status: 'succeeded', modelVersion: version, error: null };
  } catch (error: unknown) {
    const message = describeError(error);
    yield context.callActivity(trainingActivityNames.failRun, { runId, reason: message });
    setBoundedCustomStatus(context, { runId, phase: 'failed', error: message });
    return { runId, status: 'failed', modelVersion: null, error: message };
  }
}
