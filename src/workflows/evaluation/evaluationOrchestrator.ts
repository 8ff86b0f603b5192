import { describeError } from '../../platform/errors/describeError.js';
import { clientSentence } from '../../platform/errors/clientError.js';
import { trainingOrchestrationName, type TrainingOutcome } from '../training/trainingOrchestrator.js';
import { setBoundedCustomStatus } from '../customStatus.js';

/**
 * The "evaluation" orchestration (instance id = evaluation id): one child per (configuration,
 * fold), each the ordinary training orchestration of the fold's run with the run id as instance
 * id, `parallelism` at a time, each batch recorded as it ends and the aggregates once all have.
 * Pure: every decision comes from its history, so after a host kill it replays, and a child that
 * finished is found in that history, never started again.
 *
 * Batches, not a sliding window: a sliding window needs Task.any over children scheduled before,
 * and durable-functions (JS, v3) sends a compound task's actions whole, so each re-listed child is
 * scheduled again and later results land on the wrong tasks (azure-functions-durable-js#574; the
 * local host follows the library and shows the same). Each Task.all here holds new children only;
 * an already scheduled task is only ever yielded alone, which the library supports.
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
 * A scheduled task as the durable-functions library exposes it: `isCompleted` once it succeeded,
 * `isFaulted` once it failed (TaskBase), and its `result` then.
 */
export interface ObservableTask {
  readonly isCompleted: boolean;
  readonly isFaulted: boolean;
  readonly result?: unknown;
}

/** The part of context.df the orchestration uses. */
export interface EvaluationContext<Task extends ObservableTask, Retry> {
  readonly Task: { all(tasks: Task[]): Task };
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
  const size = Math.max(1, plan.parallelism);
  let finished = 0;
  for (let start = 0; start < plan.runIds.length; start += size) {
    const batch = plan.runIds.slice(start, start + size).map((runId) => ({
      runId,
      task: context.callSubOrchestrator(trainingOrchestrationName, { runId }, runId),
    }));
    setBoundedCustomStatus(context, {
      evaluationId,
      phase: 'training',
      finished,
      total: plan.runIds.length,
      running: batch.map((entry) => entry.runId),
    });
    try {
      yield context.Task.all(batch.map((entry) => entry.task));
    } catch {
      // A child failed outright (its own failures end as a 'failed' outcome instead); Task.all
      // stopped at the first: wait for the others one by one, then record each as it ended.
      for (const entry of batch) {
        if (hasEnded(entry.task)) continue;
        try {
          yield entry.task;
        } catch {
          // Recorded below as a failed fold.
        }
      }
    }
    for (const entry of batch) {
      yield context.callActivityWithRetry(
        evaluationActivityNames.recordFold,
        retry,
        foldOutcomeOf(evaluationId, entry.runId, entry.task),
      );
      finished += 1;
    }
  }
  setBoundedCustomStatus(context, { evaluationId, phase: 'aggregating', finished, total: plan.runIds.length });
  const summary = (yield context.callActivityWithRetry(evaluationActivityNames.complete, retry, {
    evaluationId,
  })) as EvaluationSummary;
  setBoundedCustomStatus(context, { evaluationId, phase: summary.status, finished });
  return summary;
}

function hasEnded(task: ObservableTask): boolean {
  return task.isCompleted || task.isFaulted;
}

/** The fold's end as the child told it; a child that failed outright (not through its own failRun) failed the fold. */
function foldOutcomeOf(evaluationId: string, runId: string, task: ObservableTask): FoldOutcome {
  if (task.isFaulted) {
    return { evaluationId, runId, status: 'failed', error: clientSentence(describeError(task.result)) };
  }
  const outcome = task.result as TrainingOutcome | null | undefined;
  if (!task.isCompleted || outcome === null || outcome === undefined) {
    return { evaluationId, runId, status: 'failed', error: 'The fold run ended without an outcome.' };
  }
  return { evaluationId, runId, status: outcome.status, error: outcome.error };
}
