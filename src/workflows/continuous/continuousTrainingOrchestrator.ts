import { describeError } from '../../platform/errors/describeError.js';
import { newRunId } from '../../domain/runs/runIds.js';
import { trainingOrchestrationName, type TrainingOutcome } from '../training/trainingOrchestrator.js';
import { clientSentence } from '../../platform/errors/clientError.js';
import { setBoundedCustomStatus } from '../customStatus.js';

/**
 * The "continuous training" orchestration, one instance per experiment (a fixed instance id):
 * it sleeps until a labelled window set becomes ready, waits for a quiet period that every
 * further window set restarts (so a burst of uploads makes one run), then trains on the snapshot
 * of all ready window sets as a sub-orchestration, judges the result against the champion and
 * continues as new. Pure: every decision comes from its history, so a host restart replays it.
 */

export const continuousTrainingOrchestrationName = 'continuousTraining';
export const windowSetReadyEvent = 'windowSetReady';

export const continuousTrainingActivityNames = {
  plan: 'continuousTrainingPlan',
  startRun: 'continuousTrainingStartRun',
  judgeChallenger: 'continuousTrainingJudgeChallenger',
  hasNewData: 'continuousTrainingHasNewData',
} as const;

/** Instance ids may not hold / \ # ?; experiment names cannot either. */
export function continuousTrainingInstanceId(experiment: string): string {
  return `continuous-training-${experiment}`;
}

export interface ContinuousTrainingInput {
  experiment: string;
  /** True when new data is known to be waiting (the first signal, or data that arrived during a run). */
  pending: boolean;
  /** What the previous cycle did, carried over so the status shows it while the instance idles. */
  last?: ContinuousTrainingCycle | null;
}

export interface ContinuousTrainingPlan {
  enabled: boolean;
  quietPeriodSeconds: number;
}

export interface AutomaticRunStart {
  runId: string | null;
  /** Why no run started (disabled, too few subjects, no new data), or what the run trains on. */
  reason: string;
}

export interface TimerTaskLike {
  cancel(): void;
}

/** The part of context.df the orchestration uses (the durable-functions context implements it). */
export interface ContinuousTrainingContext<Task, Retry> {
  readonly instanceId: string;
  readonly currentUtcDateTime: Date;
  readonly Task: { any(tasks: Task[]): Task };
  callActivityWithRetry(name: string, retryOptions: Retry, input?: unknown): Task;
  callSubOrchestrator(name: string, input?: unknown, instanceId?: string): Task;
  createTimer(fireAt: Date): Task & TimerTaskLike;
  waitForExternalEvent(name: string): Task;
  newGuid(input: string): string;
  continueAsNew(input: unknown): void;
  setCustomStatus(status: unknown): void;
}

export interface ContinuousTrainingCycle {
  experiment: string;
  outcome: 'disabled' | 'skipped' | 'trained' | 'failed';
  runId: string | null;
  detail: string;
}

export function* continuousTrainingOrchestrator<Task, Retry>(
  context: ContinuousTrainingContext<Task, Retry>,
  input: ContinuousTrainingInput,
  retry: Retry,
): Generator<Task, ContinuousTrainingCycle, unknown> {
  const { experiment } = input;
  const last = input.last ?? null;
  if (!input.pending) {
    setBoundedCustomStatus(context, { experiment, phase: 'idle', last });
    yield context.waitForExternalEvent(windowSetReadyEvent);
  }
  const plan = (yield context.callActivityWithRetry(continuousTrainingActivityNames.plan, retry, {
    experiment,
  })) as ContinuousTrainingPlan;
  if (!plan.enabled) {
    // Ends the instance; the next window set of an enabled experiment starts it again.
    setBoundedCustomStatus(context, { experiment, phase: 'disabled', last });
    return { experiment, outcome: 'disabled', runId: null, detail: 'continuous training is off for the experiment' };
  }

  let signals = 1;
  for (;;) {
    const until = new Date(context.currentUtcDateTime.getTime() + plan.quietPeriodSeconds * 1000);
    setBoundedCustomStatus(context, { experiment, phase: 'waiting', until: until.toISOString(), signals });
    const quiet = context.createTimer(until);
    const next = context.waitForExternalEvent(windowSetReadyEvent);
    const winner = yield context.Task.any([quiet, next]);
    if (winner === quiet) break;
    quiet.cancel();
    signals += 1;
  }

  // Derived from the history (time and a replay-safe GUID), so a retried start finds the same run.
  const runId = newRunId(
    context.currentUtcDateTime,
    context.newGuid(context.instanceId).replaceAll('-', '').slice(0, 8),
  );
  let cycle: ContinuousTrainingCycle;
  try {
    const start = (yield context.callActivityWithRetry(continuousTrainingActivityNames.startRun, retry, {
      experiment,
      runId,
    })) as AutomaticRunStart;
    if (start.runId === null) {
      cycle = { experiment, outcome: 'skipped', runId: null, detail: start.reason };
    } else {
      setBoundedCustomStatus(context, { experiment, phase: 'training', runId });
      const outcome = (yield context.callSubOrchestrator(
        trainingOrchestrationName,
        { runId },
        runId,
      )) as TrainingOutcome;
      if (outcome.status === 'succeeded') {
        setBoundedCustomStatus(context, { experiment, phase: 'judging', runId });
        const verdict = (yield context.callActivityWithRetry(continuousTrainingActivityNames.judgeChallenger, retry, {
          runId,
        })) as string;
        cycle = { experiment, outcome: 'trained', runId, detail: verdict };
      } else {
        cycle = { experiment, outcome: 'failed', runId, detail: outcome.error ?? 'the run failed' };
      }
    }
  } catch (error: unknown) {
    // The singleton must outlive one bad cycle, or data arriving later would never train.
    // Only the first line, without server paths: the activity's stack is in the host's log of it.
    cycle = { experiment, outcome: 'failed', runId, detail: clientSentence(describeError(error)) };
  }
  const pending = (yield context.callActivityWithRetry(continuousTrainingActivityNames.hasNewData, retry, {
    experiment,
  })) as boolean;
  setBoundedCustomStatus(context, { experiment, phase: 'finished-cycle', last: cycle, pending });
  context.continueAsNew({ experiment, pending, last: cycle } satisfies ContinuousTrainingInput);
  return cycle;
}
