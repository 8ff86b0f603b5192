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
  kind: 'activity' | 'sub' | 'all';
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
    Task: { all: (tasks) => task({ kind: 'all', name: 'all', input: null, tasks }) },
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
  Object.assign(child, { isCompleted: !faulted, isFaulted: faulted, result });
  return child;
}

const plan: EvaluationPlanTasks = { parallelism: 2, runIds: ['ra', 'rb', 'rc', 'rd', 're'] };

/**
 * Drives the orchestration to its end, completing every child of each Task.all and answering
 * every activity. Fails if a compound task re-lists a child yielded before: durable-functions
 * would schedule it again (azure-functions-durable-js#574).
 */
function drive() {
  const { context, children } = recordingContext();
  const workflow = evaluationOrchestrator(context, { evaluationId: 'e1' }, 'retry');
  const trace: string[] = [];
  const yielded = new Set<FakeTask>();
  let step = workflow.next();
  while (!step.done) {
    const current = step.value;
    if (current.kind === 'activity') {
      trace.push(
        current.name === names.recordFold
          ? `${current.name}:${(current.input as { runId: string }).runId}`
          : current.name,
      );
      const answer =
        current.name === names.prepare
          ? plan
          : current.name === names.complete
            ? { evaluationId: 'e1', status: 'succeeded', finished: 5 }
            : null;
      step = workflow.next(answer);
    } else if (current.kind === 'all') {
      const batch = current.tasks ?? [];
      for (const child of batch) {
        if (yielded.has(child)) throw new Error(`${child.instanceId ?? ''} was listed in a compound task twice`);
        yielded.add(child);
      }
      trace.push(`all:${batch.map((child) => child.instanceId ?? '').join(',')}`);
      const results = batch.map((child) => complete(child, succeeded(child.instanceId ?? '')).result);
      step = workflow.next(results);
    } else {
      throw new Error(`yielded a lone ${current.kind}`);
    }
  }
  return { trace, children, result: step.value };
}

describe('the evaluation workflow', () => {
  it('starts one training child per fold, instance id = run id, `parallelism` at a time, and records each', () => {
    const { trace, children, result } = drive();
    expect(children.map((child) => [child.name, child.instanceId, child.input])).toEqual(
      plan.runIds.map((runId) => [trainingOrchestrationName, runId, { runId }]),
    );
    expect(trace).toEqual([
      names.prepare,
      'all:ra,rb',
      `${names.recordFold}:ra`,
      `${names.recordFold}:rb`,
      'all:rc,rd',
      `${names.recordFold}:rc`,
      `${names.recordFold}:rd`,
      'all:re',
      `${names.recordFold}:re`,
      names.complete,
    ]);
    expect(result).toEqual({ evaluationId: 'e1', status: 'succeeded', finished: 5 });
  });

  it('replays to the same decisions: the same children with the same instance ids in the same order', () => {
    const first = drive();
    const second = drive();
    expect(second.trace).toEqual(first.trace);
    expect(second.children.map((child) => child.instanceId)).toEqual(first.children.map((child) => child.instanceId));
  });

  it('records what each child of the batch told: succeeded, failed or cancelled', () => {
    const { context } = recordingContext();
    const workflow = evaluationOrchestrator(context, { evaluationId: 'e1' }, 'retry');
    workflow.next();
    const batch = workflow.next({ parallelism: 2, runIds: ['ra', 'rb'] }).value as FakeTask;
    complete(batch.tasks?.[0], { runId: 'ra', status: 'cancelled', modelVersion: null, error: 'cancelled by r1' });
    complete(batch.tasks?.[1], { runId: 'rb', status: 'failed', modelVersion: null, error: 'no windows' });
    expect(workflow.next([]).value).toMatchObject({
      name: names.recordFold,
      input: { evaluationId: 'e1', runId: 'ra', status: 'cancelled', error: 'cancelled by r1' },
    });
    expect(workflow.next(null).value).toMatchObject({
      input: { runId: 'rb', status: 'failed', error: 'no windows' },
    });
  });

  it('waits for the rest of a batch one by one when a child fails outright, and records it as failed', () => {
    const { context } = recordingContext();
    const workflow = evaluationOrchestrator(context, { evaluationId: 'e1' }, 'retry');
    workflow.next();
    const batch = workflow.next({ parallelism: 2, runIds: ['ra', 'rb', 'rc'] }).value as FakeTask;
    const [first, second] = batch.tasks ?? [];
    const failure = new Error("Sub-orchestration 'training' failed: storage down");
    complete(first, failure, true);
    // Task.all fails at its first failed child, while rb still runs: rb is then yielded alone.
    const alone = workflow.throw(failure).value;
    expect(alone).toBe(second);
    complete(second, succeeded('rb'));
    expect(workflow.next(succeeded('rb')).value).toMatchObject({
      name: names.recordFold,
      input: { runId: 'ra', status: 'failed', error: expect.stringContaining('storage down') as string },
    });
    expect(workflow.next(null).value).toMatchObject({ input: { runId: 'rb', status: 'succeeded' } });
    const next = workflow.next(null).value as FakeTask;
    expect(next.kind).toBe('all');
    expect(next.tasks?.map((child) => child.instanceId)).toEqual(['rc']);
  });

  it('ends at once when prepare finds the evaluation cancelled', () => {
    const { context } = recordingContext();
    const workflow = evaluationOrchestrator(context, { evaluationId: 'e1' }, 'retry');
    workflow.next();
    expect(workflow.next({ parallelism: 2, runIds: [] }).value).toMatchObject({ name: names.complete });
  });
});
