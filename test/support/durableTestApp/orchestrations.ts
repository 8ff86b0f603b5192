import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';

/** Orchestrations of the durable test app, one per pattern the local engine must run. */

interface RunInput {
  pauseMs?: number;
  slowMs?: number;
  count?: number;
  failures?: number;
  attempts?: number;
  timeoutMs?: number;
}

function runInput(context: OrchestrationContext): RunInput {
  const input = context.df.getInput();
  return typeof input === 'object' && input !== null ? input : {};
}

function later(context: OrchestrationContext, ms: number): Date {
  return new Date(context.df.currentUtcDateTime.getTime() + ms);
}

df.app.orchestration('helloSequence', function* (context: OrchestrationContext) {
  const greetings: unknown[] = [];
  greetings.push(yield context.df.callActivity('sayHello', 'Tokyo'));
  greetings.push(yield context.df.callActivity('sayHello', 'Seattle'));
  greetings.push(yield context.df.callActivity('sayHello', 'London'));
  return greetings;
});

df.app.orchestration('fanOutSquares', function* (context: OrchestrationContext) {
  const count = runInput(context).count ?? 20;
  const tasks = Array.from({ length: count }, (_, index) => context.df.callActivity('square', index + 1));
  const squares = (yield context.df.Task.all(tasks)) as number[];
  return squares.reduce((sum, value) => sum + value, 0);
});

df.app.orchestration('retryFlaky', function* (context: OrchestrationContext) {
  const { failures = 2, attempts = 3 } = runInput(context);
  const retry = new df.RetryOptions(500, attempts);
  retry.backoffCoefficient = 1.5;
  const run = context.df.instanceId;
  const result: unknown = yield context.df.callActivityWithRetry('flakyStep', retry, { run, step: 'flaky', failures });
  return result;
});

df.app.orchestration('durableTimer', function* (context: OrchestrationContext) {
  const startedAt = context.df.currentUtcDateTime.getTime();
  yield context.df.createTimer(later(context, runInput(context).pauseMs ?? 1000));
  return context.df.currentUtcDateTime.getTime() - startedAt;
});

df.app.orchestration('approval', function* (context: OrchestrationContext) {
  context.df.setCustomStatus('awaiting approval');
  const approval = context.df.waitForExternalEvent('Approval');
  const timeout = context.df.createTimer(later(context, runInput(context).timeoutMs ?? 30_000));
  const winner = (yield context.df.Task.any([approval, timeout])) as unknown;
  if (winner === approval) return { approved: true, by: approval.result };
  return { approved: false };
});

df.app.orchestration('parentOfChild', function* (context: OrchestrationContext) {
  const fromChild = (yield context.df.callSubOrchestrator('helloSequence')) as string[];
  const square = (yield context.df.callActivity('square', fromChild.length)) as number;
  return { fromChild, square };
});

df.app.orchestration('countToThree', function* (context: OrchestrationContext) {
  const input = context.df.getInput();
  const count = typeof input === 'number' ? input : 0;
  yield context.df.callActivity('square', count);
  if (count < 3) {
    context.df.continueAsNew(count + 1);
    return undefined;
  }
  return count;
});

df.app.orchestration('waitsForever', function* (context: OrchestrationContext) {
  yield context.df.waitForExternalEvent('Never');
  return 'unreachable';
});

/** Between activities it waits on a durable timer, then runs a slow step: the crash tests kill it at both. */
df.app.orchestration('crashableChain', function* (context: OrchestrationContext) {
  const { pauseMs = 3000, slowMs = 3000 } = runInput(context);
  const run = context.df.instanceId;
  const results: unknown[] = [];
  results.push(yield context.df.callActivity('markStep', { run, step: 'one' }));
  context.df.setCustomStatus('pausing');
  yield context.df.createTimer(later(context, pauseMs));
  context.df.setCustomStatus('after pause');
  results.push(yield context.df.callActivity('markStep', { run, step: 'two' }));
  results.push(yield context.df.callActivity('markStep', { run, step: 'three', ms: slowMs }));
  results.push(yield context.df.callActivity('markStep', { run, step: 'four' }));
  return results;
});

/**
 * Wrong on purpose: which activity it schedules depends on the wall clock, so the replay after
 * the first activity (which takes a second) schedules another activity with the same id.
 */
const branchesOnTheClock: OrchestrationHandler = function* (context: OrchestrationContext) {
  const sinceFirstEpisode = Date.now() - context.df.currentUtcDateTime.getTime();
  const step = sinceFirstEpisode < 500 ? 'markStep' : 'square';
  yield context.df.callActivity(step, { run: context.df.instanceId, step: 'clock', ms: 1000 });
  return step;
};
df.app.orchestration('branchesOnTheClock', branchesOnTheClock);
