import { describe, expect, it } from 'vitest';
import {
  trainingActivityNames as names,
  trainingOrchestrator,
  type TrainingOrchestrationContext,
} from '../../../src/workflows/training/trainingOrchestrator.js';

interface Call {
  name: string;
  input: unknown;
  retried: boolean;
}

/** A context that records what the workflow schedules; each yielded task is the call itself. */
function recordingContext(): { context: TrainingOrchestrationContext<Call, string>; statuses: unknown[] } {
  const statuses: unknown[] = [];
  return {
    statuses,
    context: {
      callActivity: (name, input) => ({ name, input, retried: false }),
      callActivityWithRetry: (name, _retry, input) => ({ name, input, retried: true }),
      setCustomStatus: (status) => statuses.push(status),
    },
  };
}

describe('the training workflow', () => {
  it('prepares, trains epoch by epoch with progress, evaluates, registers and completes', () => {
    const { context, statuses } = recordingContext();
    const workflow = trainingOrchestrator(context, { runId: 'r1' }, 'retry');
    const calls: Call[] = [];
    const answers: Record<string, unknown> = {
      [names.prepareRun]: { runId: 'r1', epochs: 2 },
      [names.trainEpoch]: {
        epoch: 1,
        epochs: 2,
        trainLoss: 0.5,
        trainAccuracy: 0.8,
        validationLoss: 0.6,
        validationAuc: 0.9,
      },
      [names.evaluateRun]: { artifactSha256: 'a' },
      [names.registerModel]: '1.2.0',
      [names.completeRun]: null,
    };
    let step = workflow.next();
    while (step.done !== true) {
      calls.push(step.value);
      step = workflow.next(answers[step.value.name]);
    }
    expect(calls.map((call) => [call.name, call.input, call.retried])).toEqual([
      [names.prepareRun, { runId: 'r1' }, true],
      [names.trainEpoch, { runId: 'r1', epoch: 1 }, true],
      [names.trainEpoch, { runId: 'r1', epoch: 2 }, true],
      [names.evaluateRun, { runId: 'r1' }, true],
      [names.registerModel, { runId: 'r1' }, true],
      [names.completeRun, { runId: 'r1', modelVersion: '1.2.0' }, true],
    ]);
    expect(step.value).toEqual({ runId: 'r1', status: 'succeeded', modelVersion: '1.2.0', error: null });
    expect(statuses).toContainEqual(expect.objectContaining({ phase: 'training', epoch: 1, epochs: 2 }));
  });

  it('records the failure on the run when an activity fails for good', () => {
    const { context } = recordingContext();
    const workflow = trainingOrchestrator(context, { runId: 'r2' }, 'retry');
    workflow.next();
    const failure = workflow.throw(
      new Error("Activity function 'trainingPrepareRun' failed: No labelled window set for S9."),
    );
    expect(failure.value).toMatchObject({
      name: names.failRun,
      input: { runId: 'r2', reason: expect.stringContaining('S9') as string },
    });
    const end = workflow.next(null);
    expect(end).toMatchObject({ done: true, value: { status: 'failed', modelVersion: null } });
  });

  it('ends the run at once, without retrying, when an activity gives up for good', () => {
    const { context, statuses } = recordingContext();
    const workflow = trainingOrchestrator(context, { runId: 'r3' }, 'retry');
    const calls: Call[] = [];
    let step = workflow.next();
    const answers = [
      { runId: 'r3', epochs: 5 },
      { gaveUp: { reason: 'S4/0123456789abcdef: EDA.npy is not float32 with 120 rows.', cancelled: false } },
      null,
    ];
    for (const answer of answers) {
      if (step.done === true) break;
      calls.push(step.value);
      step = workflow.next(answer);
    }
    expect(calls.map((call) => [call.name, call.retried])).toEqual([
      [names.prepareRun, true],
      [names.trainEpoch, true],
      [names.failRun, false],
    ]);
    // The reason clients see is the activity's own sentence and a correlation id the log line shares.
    expect(calls[2]?.input).toMatchObject({
      runId: 'r3',
      reason: expect.stringMatching(
        /^S4\/0123456789abcdef: EDA\.npy is not float32 with 120 rows\. \(correlation id [0-9a-f]{20}\)$/,
      ) as string,
    });
    expect(step).toMatchObject({
      done: true,
      value: { status: 'failed', error: expect.stringContaining('EDA.npy') as string },
    });
    expect(statuses).toContainEqual(expect.objectContaining({ phase: 'failed' }));
  });

  it('ends as cancelled, writing nothing more, when the run was cancelled meanwhile', () => {
    const { context, statuses } = recordingContext();
    const workflow = trainingOrchestrator(context, { runId: 'r4' }, 'retry');
    workflow.next();
    const next = workflow.next({ runId: 'r4', epochs: 3 });
    expect(next.value).toMatchObject({ name: names.trainEpoch });
    const end = workflow.next({ gaveUp: { reason: 'Run r4 was cancelled.', cancelled: true } });
    expect(end).toEqual({
      done: true,
      value: { runId: 'r4', status: 'cancelled', modelVersion: null, error: 'Run r4 was cancelled.' },
    });
    expect(statuses.at(-1)).toEqual({ runId: 'r4', phase: 'cancelled' });
  });

  it('records a retried-out failure without the stack trace the host sends along', () => {
    const { context } = recordingContext();
    const workflow = trainingOrchestrator(context, { runId: 'r5' }, 'retry');
    workflow.next();
    // How durable-functions surfaces a TaskFailed event carrying Reason and Details.
    const failure = workflow.throw(
      new Error(
        "Activity function 'trainingPrepareRun' failed: The storage service did not answer \n " +
          '{"Message":"The storage service did not answer","StackTrace":"Error: x\\n    at prepareRun (/srv/app/dist/src/runs/trainingActivities.js:40:11)"}',
      ),
    );
    expect(failure.value).toMatchObject({
      name: names.failRun,
      input: {
        runId: 'r5',
        reason: expect.stringMatching(
          /^Activity function 'trainingPrepareRun' failed: The storage service did not answer \(correlation id [0-9a-f]{20}\)$/,
        ) as string,
      },
    });
  });
});
