import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { FunctionCatalog, type RegisteredFunction } from '../../../devhost/core/functionCatalog.js';
import { installCoreModule } from '../../../devhost/core/installCoreModule.js';
import { Invoker } from '../../../devhost/core/invoker.js';
import { decideEpisode, type EpisodeDecision } from '../../../devhost/durable/episodeDecisions.js';
import { runOrchestratorEpisode } from '../../../devhost/durable/episodeRunner.js';
import { EventType, historyEvent, type NewEvent } from '../../../devhost/durable/historyEvents.js';
import type { StoredEvent } from '../../../devhost/durable/historyStore.js';

/**
 * Replays hand-built histories through the real durable-functions orchestrator code and the
 * engine's episode decisions, as the dispatcher does, without storage.
 */

const catalog = new FunctionCatalog(() => undefined);
let invoker: Invoker;

beforeAll(() => {
  installCoreModule(catalog);
  invoker = new Invoker(catalog, () => undefined);
  df.app.orchestration('replayRetry', function* (context: OrchestrationContext) {
    const result: unknown = yield context.df.callActivityWithRetry('flaky', new df.RetryOptions(1000, 2), 'x');
    return result;
  });
  df.app.orchestration('replayFanOut', function* (context: OrchestrationContext) {
    yield context.df.callActivity('first');
    const timer = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 60_000));
    yield context.df.Task.all([context.df.callActivity('left'), context.df.callActivity('right'), timer]);
    const last: unknown = yield context.df.callActivity('last');
    return last;
  });
  df.app.orchestration('replayCoinFlip', function* (context: OrchestrationContext) {
    yield context.df.callActivity(Math.random() < 0.5 ? 'heads' : 'tails');
    return 'flipped';
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

function orchestrator(name: string): RegisteredFunction {
  const fn = catalog.get(name);
  if (fn === undefined) throw new Error(`${name} is not registered`);
  return fn;
}

/** One episode: OrchestratorStarted plus `event` appended to `history`, the library run, the engine's decision. */
async function episode(
  name: string,
  history: StoredEvent[],
  event: NewEvent,
): Promise<{ decision: EpisodeDecision; history: StoredEvent[] }> {
  const now = new Date();
  const newEvent = historyEvent(event, now);
  const prior: StoredEvent[] = [
    ...history,
    { event: historyEvent({ EventType: EventType.OrchestratorStarted }, now) },
    { event: newEvent },
  ];
  const outcome = await runOrchestratorEpisode(invoker, orchestrator(name), {
    instanceId: 'replay-test',
    input: null,
    history: prior.map((stored, index) => ({ ...stored.event, IsPlayed: index < history.length })),
  });
  const decision = decideEpisode({ instanceId: 'replay-test', executionId: 'e1', name, now }, prior, newEvent, outcome);
  return { decision, history: [...prior, ...decision.events] };
}

const start: NewEvent = { EventType: EventType.ExecutionStarted, Name: 'test', Input: null };

function outputOf(decision: EpisodeDecision): string {
  return 'output' in decision.result ? String(decision.result.output) : '';
}

function scheduled(decision: EpisodeDecision): [number, number, string | undefined][] {
  return decision.events
    .filter((stored) => stored.event.EventId >= 0)
    .map(({ event }) => [event.EventType, event.EventId, event.Name]);
}

describe('episodes replayed against the durable-functions library', () => {
  it('numbers fan-out tasks depth-first and schedules only what is new on each replay', async () => {
    let run = await episode('replayFanOut', [], start);
    expect(scheduled(run.decision)).toEqual([[EventType.TaskScheduled, 0, 'first']]);

    run = await episode('replayFanOut', run.history, {
      EventType: EventType.TaskCompleted,
      TaskScheduledId: 0,
      Result: 'null',
    });
    expect(scheduled(run.decision)).toEqual([
      [EventType.TaskScheduled, 1, 'left'],
      [EventType.TaskScheduled, 2, 'right'],
      [EventType.TimerCreated, 3, undefined],
    ]);
    expect(run.decision.messages.filter((message) => message.queue === 'workItems')).toHaveLength(2);

    run = await episode('replayFanOut', run.history, {
      EventType: EventType.TaskCompleted,
      TaskScheduledId: 2,
      Result: '2',
    });
    expect(scheduled(run.decision)).toEqual([]);
    run = await episode('replayFanOut', run.history, {
      EventType: EventType.TaskCompleted,
      TaskScheduledId: 1,
      Result: '1',
    });
    run = await episode('replayFanOut', run.history, { EventType: EventType.TimerFired, TimerId: 3 });
    expect(scheduled(run.decision)).toEqual([[EventType.TaskScheduled, 4, 'last']]);

    run = await episode('replayFanOut', run.history, {
      EventType: EventType.TaskCompleted,
      TaskScheduledId: 4,
      Result: '"end"',
    });
    expect(run.decision.result).toMatchObject({ status: 'Completed', output: '"end"' });
  });

  it('drives callActivityWithRetry with the DTFx event pattern: attempt, timer, attempt, final timer', async () => {
    const failure = (id: number): NewEvent => ({
      EventType: EventType.TaskFailed,
      TaskScheduledId: id,
      Reason: "Activity function 'flaky' failed: nope",
      Details: '{}',
    });
    let run = await episode('replayRetry', [], start);
    expect(scheduled(run.decision)).toEqual([[EventType.TaskScheduled, 0, 'flaky']]);
    run = await episode('replayRetry', run.history, failure(0));
    expect(scheduled(run.decision)).toEqual([[EventType.TimerCreated, 1, undefined]]);
    run = await episode('replayRetry', run.history, { EventType: EventType.TimerFired, TimerId: 1 });
    expect(scheduled(run.decision)).toEqual([[EventType.TaskScheduled, 2, 'flaky']]);
    run = await episode('replayRetry', run.history, failure(2));
    const [finalTimer] = run.decision.events;
    expect(finalTimer?.event).toMatchObject({ EventType: EventType.TimerCreated, EventId: 3 });
    expect(Date.parse(finalTimer?.event.FireAt ?? '')).toBeLessThanOrEqual(Date.now());
    run = await episode('replayRetry', run.history, { EventType: EventType.TimerFired, TimerId: 3 });
    expect(run.decision.result.status).toBe('Failed');
    expect(outputOf(run.decision)).toContain("Activity function 'flaky' failed: nope");
  });

  it('fails an orchestrator that branches on Math.random() across replays as non-deterministic', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.1);
    let run = await episode('replayCoinFlip', [], start);
    expect(scheduled(run.decision)).toEqual([[EventType.TaskScheduled, 0, 'heads']]);
    vi.spyOn(Math, 'random').mockReturnValue(0.9);
    run = await episode('replayCoinFlip', run.history, {
      EventType: EventType.TaskCompleted,
      TaskScheduledId: 0,
      Result: 'null',
    });
    expect(run.decision.result.status).toBe('Failed');
    expect(outputOf(run.decision)).toContain(
      "Non-Deterministic workflow detected: A previous execution of this orchestration scheduled an activity task with sequence number 0 named 'heads', but the current orchestration replay instead scheduled an activity task named 'tails'",
    );
  });
});
