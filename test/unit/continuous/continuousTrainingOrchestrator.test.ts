import { describe, expect, it } from 'vitest';
import {
  continuousTrainingActivityNames as names,
  continuousTrainingOrchestrator,
  windowSetReadyEvent,
  type ContinuousTrainingContext,
  type ContinuousTrainingInput,
} from '../../../src/workflows/continuous/continuousTrainingOrchestrator.js';
import { trainingOrchestrationName } from '../../../src/workflows/training/trainingOrchestrator.js';

/** What the workflow scheduled; each yielded task is the request itself, so a test can answer it. */
type Task =
  | { kind: 'activity'; name: string; input: unknown }
  | { kind: 'sub'; name: string; input: unknown; instanceId: string | undefined }
  | { kind: 'timer'; fireAt: Date; cancelled: boolean; cancel(): void }
  | { kind: 'event'; name: string }
  | { kind: 'any'; tasks: Task[] };

/** A context whose clock the test moves, as replayed history would: each answer happens at `now`. */
function recordingContext(start: Date) {
  const state = { now: start, continuedAs: undefined as unknown, statuses: [] as unknown[], guids: 0 };
  const context: ContinuousTrainingContext<Task, string> = {
    instanceId: 'continuous-training-default',
    get currentUtcDateTime() {
      return state.now;
    },
    Task: { any: (tasks) => ({ kind: 'any', tasks }) },
    callActivityWithRetry: (name, _retry, input) => ({ kind: 'activity', name, input }),
    callSubOrchestrator: (name, input, instanceId) => ({ kind: 'sub', name, input, instanceId }),
    createTimer: (fireAt) => {
      const timer = {
        kind: 'timer' as const,
        fireAt,
        cancelled: false,
        cancel() {
          timer.cancelled = true;
        },
      };
      return timer;
    },
    waitForExternalEvent: (name) => ({ kind: 'event', name }),
    newGuid: () => `0000000${state.guids++}-aaaa-5bbb-8ccc-dddddddddddd`,
    continueAsNew: (input) => {
      state.continuedAs = input;
    },
    setCustomStatus: (status) => state.statuses.push(status),
  };
  return { context, state };
}

function anyOf(task: Task | undefined): Extract<Task, { kind: 'any' }> {
  if (task?.kind !== 'any') throw new Error(`expected Task.any, got ${JSON.stringify(task)}`);
  return task;
}

describe('the continuous-training workflow', () => {
  const start = new Date('2026-11-26T10:00:00Z');

  it('restarts the quiet period on every new window set, then trains once and judges the run', () => {
    const { context, state } = recordingContext(start);
    const input: ContinuousTrainingInput = { experiment: 'default', pending: true };
    const workflow = continuousTrainingOrchestrator(context, input, 'retry');

    let step = workflow.next();
    expect(step.value).toEqual({ kind: 'activity', name: names.plan, input: { experiment: 'default' } });
    step = workflow.next({ enabled: true, quietPeriodSeconds: 600 });

    // Four more window sets arrive, each within the quiet period: each restarts it.
    const timers: Extract<Task, { kind: 'timer' }>[] = [];
    for (let signal = 1; signal <= 4; signal++) {
      const race = anyOf(step.value as Task);
      const [timer, event] = race.tasks as [Extract<Task, { kind: 'timer' }>, Task];
      expect(timer.fireAt.getTime() - state.now.getTime()).toBe(600_000);
      expect(event).toEqual({ kind: 'event', name: windowSetReadyEvent });
      timers.push(timer);
      state.now = new Date(state.now.getTime() + 60_000);
      step = workflow.next(event);
    }
    expect(timers.every((timer) => timer.cancelled)).toBe(true);
    expect(state.statuses.at(-1)).toMatchObject({ phase: 'waiting', signals: 5 });

    // Quiet: the timer wins.
    const quiet = anyOf(step.value as Task).tasks[0];
    state.now = new Date(state.now.getTime() + 600_000);
    step = workflow.next(quiet);
    const startRun = step.value as Extract<Task, { kind: 'activity' }>;
    expect(startRun.name).toBe(names.startRun);
    const { runId } = startRun.input as { runId: string };
    expect(runId).toMatch(/^r\d{13}[0-9a-f]{8}$/);

    step = workflow.next({ runId, reason: '5 labelled window sets' });
    expect(step.value).toEqual({ kind: 'sub', name: trainingOrchestrationName, input: { runId }, instanceId: runId });
    step = workflow.next({ runId, status: 'succeeded', modelVersion: '1.0.0', error: null });
    expect(step.value).toEqual({ kind: 'activity', name: names.judgeChallenger, input: { runId } });
    step = workflow.next('challenger 1.0.0 → staging');
    expect(step.value).toEqual({ kind: 'activity', name: names.hasNewData, input: { experiment: 'default' } });
    step = workflow.next(false);
    expect(step.done).toBe(true);
    expect(state.continuedAs).toEqual({
      experiment: 'default',
      pending: false,
      last: { experiment: 'default', outcome: 'trained', runId, detail: 'challenger 1.0.0 → staging' },
    });
  });

  it('derives the same run id when replayed, so a retried start finds the run it created', () => {
    const ids = [0, 1].map(() => {
      const { context } = recordingContext(start);
      const workflow = continuousTrainingOrchestrator(context, { experiment: 'default', pending: true }, 'retry');
      workflow.next();
      const race = anyOf(workflow.next({ enabled: true, quietPeriodSeconds: 5 }).value as Task);
      return (workflow.next(race.tasks[0]).value as { input: { runId: string } }).input.runId;
    });
    expect(ids[0]).toBe(ids[1]);
  });

  it('sleeps until a window set arrives when nothing is pending', () => {
    const { context, state } = recordingContext(start);
    const workflow = continuousTrainingOrchestrator(context, { experiment: 'e1', pending: false }, 'retry');
    expect(workflow.next().value).toEqual({ kind: 'event', name: windowSetReadyEvent });
    expect(state.statuses.at(-1)).toMatchObject({ phase: 'idle' });
    expect(workflow.next({ subject: 'S2', version: 'v' }).value).toMatchObject({ name: names.plan });
  });

  it('ends without training when the experiment is off', () => {
    const { context, state } = recordingContext(start);
    const workflow = continuousTrainingOrchestrator(context, { experiment: 'e1', pending: true }, 'retry');
    workflow.next();
    const end = workflow.next({ enabled: false, quietPeriodSeconds: 600 });
    expect(end).toMatchObject({ done: true, value: { outcome: 'disabled', runId: null } });
    expect(state.continuedAs).toBeUndefined();
  });

  it('skips training when the start finds nothing new, and carries data that arrived during a run over', () => {
    const { context, state } = recordingContext(start);
    const workflow = continuousTrainingOrchestrator(context, { experiment: 'e1', pending: true }, 'retry');
    workflow.next();
    const race = anyOf(workflow.next({ enabled: true, quietPeriodSeconds: 5 }).value as Task);
    workflow.next(race.tasks[0]);
    const next = workflow.next({ runId: null, reason: 'no new data since run r1' });
    expect(next.value).toMatchObject({ name: names.hasNewData });
    workflow.next(true);
    expect(state.continuedAs).toMatchObject({
      pending: true,
      last: { outcome: 'skipped', detail: 'no new data since run r1' },
    });
  });

  it('survives a failed run or a failing step and keeps listening', () => {
    const { context, state } = recordingContext(start);
    const workflow = continuousTrainingOrchestrator(context, { experiment: 'e1', pending: true }, 'retry');
    workflow.next();
    const race = anyOf(workflow.next({ enabled: true, quietPeriodSeconds: 5 }).value as Task);
    const { runId } = (workflow.next(race.tasks[0]).value as { input: { runId: string } }).input;
    workflow.next({ runId, reason: 'ok' });
    const afterFailure = workflow.throw(new Error("Sub-orchestration 'training' failed: storage down"));
    expect(afterFailure.value).toMatchObject({ name: names.hasNewData });
    workflow.next(false);
    expect(state.continuedAs).toMatchObject({
      pending: false,
      last: { outcome: 'failed', runId, detail: expect.stringContaining('storage down') as string },
    });
  });
});
