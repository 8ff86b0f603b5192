import { describe, expect, it } from 'vitest';
import {
  clientFailure,
  clientSentence,
  correlationIdFor,
  errorForLog,
} from '../../../src/platform/errors/clientError.js';
import {
  trainingActivityNames as names,
  trainingOrchestrator,
  type TrainingOrchestrationContext,
} from '../../../src/workflows/training/trainingOrchestrator.js';

/** A stack frame, raw or JSON-escaped (as in Durable's failure details). */
const stackFrame = /(\n|\\n)\s+at\s/;
const absolutePath = /(^|[\s('"])(\/[\w.@-]+){2,}|[A-Za-z]:\\/;

/** What Durable Functions hands an orchestrator when an activity failed: Reason, then the Details JSON with the stack. */
function durableFailure(message: string): Error {
  const inner = new Error(message);
  const details = JSON.stringify({ Message: message, StackTrace: inner.stack });
  return new Error(`Activity function 'trainingTrainEpoch' failed: ${message} \n ${details}`);
}

describe('what a client sees of a server-side error', () => {
  it('is the first line, with server paths replaced and the length bounded', () => {
    expect(
      clientSentence(
        "ENOENT: no such file or directory, open '/work/app/dist/models/r1/epoch-3.json'\n    at open (node:fs:1)",
      ),
    ).toBe("ENOENT: no such file or directory, open '<path>'");
    expect(clientSentence('C:\\home\\site\\wwwroot\\dist\\x.js failed')).toBe('<path> failed');
    expect(clientSentence('models/stress-cnn/stages/production is empty')).toBe(
      'models/stress-cnn/stages/production is empty',
    );
    expect(clientSentence('x'.repeat(1000))).toHaveLength(300);
    expect(clientSentence('\n  at y (/srv/a.js:1:1)')).toBe('The server failed.');
  });

  it('carries a correlation id; the log line has the stack and the causes', () => {
    const error = new Error('outer', { cause: new Error('inner cause') });
    const failure = clientFailure(error, 'c0ffee');
    expect(failure.message).toBe('outer (correlation id c0ffee)');
    expect(failure.detail).toMatch(stackFrame);
    expect(errorForLog(error)).toContain('caused by: Error: inner cause');
    expect(correlationIdFor('r1', 'x')).toBe(correlationIdFor('r1', 'x'));
    expect(correlationIdFor('r1', 'x')).not.toBe(correlationIdFor('r2', 'x'));
  });
});

describe('a failed run', () => {
  it('stores a sentence with a correlation id, and hands the stack to failRun only to be logged', () => {
    const statuses: unknown[] = [];
    const context: TrainingOrchestrationContext<{ name: string; input: unknown }, string> = {
      callActivity: (name, input) => ({ name, input }),
      callActivityWithRetry: (name, _retry, input) => ({ name, input }),
      setCustomStatus: (status) => statuses.push(status),
    };
    const workflow = trainingOrchestrator(context, { runId: 'r3' }, 'retry');
    workflow.next();
    const error = durableFailure('The window set S4/abc is corrupt: EDA.npy has no header.');
    const step = workflow.throw(error);
    const input = step.value as { name: string; input: { reason: string; correlationId: string; detail: string } };
    expect(input.name).toBe(names.failRun);
    expect(error.message).toMatch(stackFrame);
    expect(input.input.reason).not.toMatch(stackFrame);
    expect(input.input.reason).not.toMatch(absolutePath);
    expect(input.input.reason).toBe(
      `Activity function 'trainingTrainEpoch' failed: The window set S4/abc is corrupt: EDA.npy has no header. (correlation id ${input.input.correlationId})`,
    );
    expect(input.input.detail).toContain('StackTrace');
    const end = workflow.next(null);
    expect(end.value).toMatchObject({ status: 'failed', error: input.input.reason });
    expect(JSON.stringify(statuses)).not.toMatch(/\\n\s+at\s/);
  });
});
