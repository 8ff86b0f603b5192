import { describeError } from '../../platform/errors/describeError.js';
import { clientSentence } from '../../platform/errors/clientError.js';
import { trainingOrchestrationName, type TrainingOutcome } from '../training/trainingOrchestrator.js';
import { setBoundedCustomStatus } from '../customStatus.js';

/**
 * The "evaluation" orchestration (instance id = evaluation id): one child per (configuration,
 * fold), each the ordinary training orchestration of the fold's run with the run id as instance
 * id, at most `parallelism` at a time in a sliding window; each finished fold is recorded as it
 * ends, and the aggregates once all have. Pure: every decision comes from its history, so after a
 * host kill it replays, and a child that finished is found in that history, never started again.
 */

export const evaluationOrchestrationName = 'evaluation';

export const evaluationActivityNames = {
  prepare: 'evaluationPrepare',
  recordFold: 'evaluationRecordFold',
  complete: 'evaluationComplete',
} as const;

export interface EvaluationInput {
  evaluationId: string;
}

/** What the prepare activity returns: the runs to train (none when the evaluation was cancelled first). */
export interface EvaluationPlanTasks {
  parallelism: number;
  runIds: string[];
}

export interface FoldOutcome {
  evaluationId: string;
  runId: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  error: string | null;
}

export interface EvaluationSummary {
  evaluationId: string;
  status: string;
  finished: number;
}

/**
 * A scheduled task as the durable-functions library exposes it: `isCompleted` (success or not)
 * and `isFaulted` and `result` once it has.
 */
export interface ObservableTask {
  readonly isCompleted: boolean;
  readonly isFaulted: boolean;
  readonly result?: unknown;
}

/** The part of context.df the orchestration uses. */
export interface EvaluationContext<Task extends ObservableTask, Retry> {
  readonly Task: { any(tasks: Task[]): Task };
  callActivityWithRetry(name: string, retryOptions: Retry, input?: unknown): Task;
  callSubOrchestrator(name: string, input?: unknown, instanceId?: string): Task;
  setCustomStatus(status: unknown): void;
}

export function* evaluationOrchestrator<Task extends ObservableTask, Retry>(
  context: EvaluationContext<Task, Retry>,
  input: EvaluationInput,
  retry: Retry,
): Generator<Task, EvaluationSummary, unknown> {
  const { evaluationId } = input;
  setBoundedCustomStatus(context, { evaluationId, phase: 'preparing' });
  const plan = (yield context.callActivityWithRetry(evaluationActivityNames.prepare, retry, {
    evaluationId,
  })) as EvaluationPlanTasks;
  const waiting = [...plan.runIds];
  const running: { runId: string; task: Task }[] = [];
  let finished = 0;
  while (waiting.length > 0 || running.length > 0) {
    while (running.length < Math.max(1, plan.parallelism)) {
      const runId = waiting.shift();
      if (runId === undefined) break;
      running.push({ runId, task: context.callSubOrchestrator(trainingOrchestrationName, { runId }, runId) });
    }
    setBoundedCustomStatus(context, {
      evaluationId,
      phase: 'training',
      finished,
      total: plan.runIds.length,
      running: running.map((entry) => entry.runId),
    });
    // A child that ended while the orchestration awaited something else (a record activity) is
    // complete already, and a new Task.any would never hear of it again: take it first.
    let done = running.find((entry) => entry.task.isCompleted);
    if (done === undefined) {
      const winner = yield context.Task.any(running.map((entry) => entry.task));
      done = running.find((entry) => entry.task === winner);
      if (done === undefined) throw new Error('Task.any answered with a task it was not given.');
    }
    running.splice(running.indexOf(done), 1);
    const outcome = foldOutcomeOf(evaluationId, done.runId, done.task);
    yield context.callActivityWithRetry(evaluationActivityNames.recordFold, retry, outcome);
    finished += 1;
  }
  setBoundedCustomStatus(context, { evaluationId, phase: 'aggregating', finished, total: plan.runIds.length });
  const summary = (yield context.callActivityWithRetry(evaluationActivityNames.complete, retry, {
    evaluationId,
  })) as EvaluationSummary;
  setBoundedCustomStatus(context, { evaluationId, phase: summary.status, finished });
  return summary;
}

/** The fold's end as the child told it; a child that failed outright (not through its own failRun) failed the fold. */
function foldOutcomeOf(evaluationId: string, runId: string, task: ObservableTask): FoldOutcome {
  if (task.isFaulted) {
    return { evaluationId, runId, status: 'failed', error: clientSentence(describeError(task.result)) };
  }
  const outcome = task.result as TrainingOutcome;
  return { evaluationId, runId, status: outcome.status, error: outcome.error };
}
