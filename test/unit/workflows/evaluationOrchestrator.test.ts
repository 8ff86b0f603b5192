import { describe, expect, it } from 'vitest';
import {
  evaluationActivityNames as names,
  evaluationOrchestrator,
  type EvaluationContext,
  type EvaluationPlanTasks,
} from '../../../src/workflows/evaluation/evaluationOrchestrator.js';
import {
  trainingOrchestrationName,
  type TrainingOutcome,
} from '../../../src/workflows/training/trainingOrchestrator.js';

/** A scheduled task the test completes, as the durable-functions library's tasks complete when history arrives. */
interface FakeTask {
  kind: 'activity' | 'sub' | 'any';
  name: string;
  input: unknown;
  instanceId?: string | undefined;
  tasks?: FakeTask[];
  isCompleted: boolean;
  isFaulted: boolean;
  result?: unknown;
}

function task(fields: Omit<FakeTask, 'isCompleted' | 'isFaulted'>): FakeTask {
  return { ...fields, isCompleted: false, isFaulted: false };
}

function recordingContext() {
  const statuses: unknown[] = [];
  const children: FakeTask[] = [];
  const context: EvaluationContext<FakeTask, string> = {
    Task: { any: (tasks) => task({ kind: 'any', name: 'any', input: null, tasks }) },
    callActivityWithRetry: (name, _retry, input) => task({ kind: 'activity', name, input }),
    callSubOrchestrator: (name, input, instanceId) => {
      const child = task({ kind: 'sub', name, input, instanceId });
      children.push(child);
      return child;
    },
    setCustomStatus: (status) => statuses.push(status),
  };
  return { context, statuses, children };
}

function succeeded(runId: string): TrainingOutcome {
  return { runId, status: 'succeeded', modelVersion: '1.0.0', error: null };
}

function complete(child: FakeTask | undefined, result: unknown, faulted = false): FakeTask {
  if (child === undefined) throw new Error('no such child');
  Object.assign(child, { isCompleted: true, isFaulted: faulted, result });
  return child;
}

function at(tasks: FakeTask[], index: number): FakeTask {
  const found = tasks.at(index);
  if (found === undefined) throw new Error(`no task at ${index}`);
  return found;
}

const plan: EvaluationPlanTasks = { parallelism: 2, runIds: ['ra', 'rb', 'rc', 'rd', 're'] };

/**
 * Drives the orchestration to its end, completing each Task.any with the running child the
 * `pick` chooses, and answering every activity. Returns the trace of what it scheduled.
 */
function drive(pick: (running: FakeTask[]) => FakeTask, extra?: (running: FakeTask[]) => void) {
  const { context, children } = recordingContext();
  const workflow = evaluationOrchestrator(context, { evaluationId: 'e1' }, 'retry');
  const trace: string[] = [];
  let maxRunning = 0;
  let step = workflow.next();
  while (!step.done) {
    const current = step.value;
    if (current.kind === 'activity') {
      trace.push(
        `${current.name}${current.name === names.recordFold ? `:${(current.input as { runId: string }).runId}` : ''}`,
      );
      if (current.name === names.recordFold) extra?.(children.filter((child) => !child.isCompleted));
      const answer =
        current.name === names.prepare
          ? plan
          : current.name === names.complete
            ? { evaluationId: 'e1', status: 'succeeded', finished: 5 }
            : null;
      step = workflow.next(answer);
    } else if (current.kind === 'any') {
      const running = current.tasks ?? [];
      maxRunning = Math.max(maxRunning, running.length);
      // As in the library: a Task.any hears only of children that complete after it was built.
      const candidates = running.filter((child) => !child.isCompleted);
      if (candidates.length === 0) throw new Error('Task.any over finished children would wait forever');
      const winner = pick(candidates);
      complete(winner, succeeded(winner.instanceId ?? ''));
      step = workflow.next(winner);
    } else {
      throw new Error(`yielded a lone ${current.kind}`);
    }
  }
  return { trace, maxRunning, children, result: step.value };
}

describe('the evaluation workflow', () => {
  it('starts one training child per fold, instance id = run id, at most `parallelism` at once, and records each', () => {
    const { trace, maxRunning, children, result } = drive((running) => at(running, 0));
    expect(children.map((child) => [child.name, child.instanceId, child.input])).toEqual(
      plan.runIds.map((runId) => [trainingOrchestrationName, runId, { runId }]),
    );
    expect(maxRunning).toBe(2);
    expect(trace).toEqual([
      names.prepare,
      ...plan.runIds.map((runId) => `${names.recordFold}:${runId}`),
      names.complete,
    ]);
    expect(result).toEqual({ evaluationId: 'e1', status: 'succeeded', finished: 5 });
  });

  it('slides the window: a fold that ends first frees its place at once, whatever the order', () => {
    const { trace, maxRunning } = drive((running) => at(running, -1));
    expect(maxRunning).toBe(2);
    expect(trace.filter((entry) => entry.startsWith(names.recordFold))).toHaveLength(5);
    expect(new Set(trace).size).toBe(trace.length);
  });

  it('takes a child that finished while a fold was being recorded without waiting on Task.any again', () => {
    // While ra is recorded, rb finishes; a Task.any built afterwards would never hear of it.
    let finishedMeanwhile = false;
    const { trace } = drive(
      (running) => at(running, 0),
      (running) => {
        if (finishedMeanwhile) return;
        const other = running.find((child) => child.instanceId === 'rb');
        if (other !== undefined) {
          complete(other, succeeded('rb'));
          finishedMeanwhile = true;
        }
      },
    );
    expect(finishedMeanwhile).toBe(true);
    expect(trace.filter((entry) => entry === `${names.recordFold}:rb`)).toHaveLength(1);
    expect(trace.at(-1)).toBe(names.complete);
  });

  it('records a child that faulted as a failed fold and goes on', () => {
    const { context } = recordingContext();
    const workflow = evaluationOrchestrator(context, { evaluationId: 'e1' }, 'retry');
    workflow.next();
    const race = workflow.next({ parallelism: 1, runIds: ['ra', 'rb'] }).value as FakeTask;
    const child = complete(race.tasks?.[0], new Error("Sub-orchestration 'training' failed: storage down"), true);
    const record = workflow.next(child).value as FakeTask;
    expect(record).toMatchObject({
      name: names.recordFold,
      input: {
        evaluationId: 'e1',
        runId: 'ra',
        status: 'failed',
        error: expect.stringContaining('storage down') as string,
      },
    });
    const next = workflow.next(null).value as FakeTask;
    expect(next.tasks?.map((entry) => entry.instanceId)).toEqual(['rb']);
  });

  it('replays to the same decisions: the same children with the same instance ids in the same order', () => {
    const first = drive((running) => at(running, -1));
    const second = drive((running) => at(running, -1));
    expect(second.trace).toEqual(first.trace);
    expect(second.children.map((child) => child.instanceId)).toEqual(first.children.map((child) => child.instanceId));
  });

  it('ends at once when prepare finds the evaluation cancelled', () => {
    const { context } = recordingContext();
    const workflow = evaluationOrchestrator(context, { evaluationId: 'e1' }, 'retry');
    workflow.next();
    expect(workflow.next({ parallelism: 2, runIds: [] }).value).toMatchObject({ name: names.complete });
  });
});
