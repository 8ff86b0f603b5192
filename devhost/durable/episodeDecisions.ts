import { randomUUID } from 'node:crypto';
import { EventType, historyEvent, type HistoryEvent, type NewEvent } from './historyEvents.js';
import type { EventOrigin, StoredEvent } from './historyStore.js';
import type { OutboundMessage, ParentLink } from './durableMessages.js';
import type { EpisodeOutcome } from './episodeRunner.js';
import {
  ActionType,
  flattenActions,
  taskKindOf,
  unsupportedActionOf,
  type OrchestratorAction,
  type RetryOptions,
} from './orchestratorActions.js';
import { TaskBook } from './taskBook.js';
import { nonDeterminismOf } from './replayCheck.js';
import { timerMessage } from './timerDispatch.js';
import { jsonTextOf } from './typedData.js';

export interface EpisodeContext {
  instanceId: string;
  executionId: string;
  name: string;
  parent?: ParentLink;
  now: Date;
}

export type EpisodeResult =
  | { status: 'Running'; customStatus: string | null }
  | { status: 'Completed'; output: string | null; customStatus: string | null }
  | { status: 'Failed'; output: string; customStatus: string | null }
  | { status: 'ContinuedAsNew'; input: string | null; customStatus: string | null };

export interface EpisodeDecision {
  /** Events to append after the episode's OrchestratorStarted and new event. */
  events: StoredEvent[];
  messages: OutboundMessage[];
  result: EpisodeResult;
}

/**
 * Turns what the orchestrator did in one episode into history and messages, as DTFx does for
 * the extension: the k-th id-taking task gets EventId k (depth-first through Task.all/any, in
 * the library's trackOpenTask order), retries of callActivityWithRetry get their timer and
 * attempt ids when the failure or timer event is replayed, before any new action, and a replay
 * that disagrees with the recorded schedule fails the instance as non-deterministic.
 */
export function decideEpisode(
  context: EpisodeContext,
  history: readonly StoredEvent[],
  newEvent: HistoryEvent | undefined,
  outcome: EpisodeOutcome,
): EpisodeDecision {
  const book = new TaskBook(history);
  const state = outcome.state;
  const actions = state === undefined ? [] : flattenActions(state);
  const idActions = actions.filter((action) => taskKindOf(action) !== undefined);
  const customStatus = state?.customStatus === undefined ? null : jsonTextOf(state.customStatus);
  const events: StoredEvent[] = [];
  const messages: OutboundMessage[] = [];
  const fail = (message: string): EpisodeDecision =>
    finish(context, events, messages, { status: 'Failed', output: JSON.stringify(message), customStatus });

  const unsupported = unsupportedActionOf(actions);
  if (unsupported !== undefined) {
    return fail(
      `The local host does not run ${unsupported} actions (durable entities and durable HTTP need the Durable extension).`,
    );
  }
  if (state !== undefined) {
    const mismatch = nonDeterminismOf(book, idActions);
    if (mismatch !== undefined) return fail(`Non-Deterministic workflow detected: ${mismatch}`);
  }
  if (outcome.kind === 'failed') return fail(`Orchestrator function '${context.name}' failed: ${outcome.error}`);

  const schedule = (action: OrchestratorAction, origin: EventOrigin): void => {
    const id = book.nextId;
    const stored = scheduleTask(context, id, action, origin, messages);
    book.add(stored);
    events.push(stored);
  };

  // The library allocates retry ids while it replays the new event, before the generator resumes.
  if (newEvent !== undefined) {
    const failedId =
      newEvent.EventType === EventType.TaskFailed || newEvent.EventType === EventType.SubOrchestrationInstanceFailed
        ? newEvent.TaskScheduledId
        : undefined;
    const firedId = newEvent.EventType === EventType.TimerFired ? newEvent.TimerId : undefined;
    const actionIndex = book.actionIndexOf(failedId ?? firedId ?? -1);
    const action = actionIndex === undefined ? undefined : idActions[actionIndex];
    if (actionIndex !== undefined && action?.retryOptions !== undefined && isRetryAction(action)) {
      const attempts = book.attempts.get(actionIndex) ?? 1;
      const maxAttempts = action.retryOptions.maxNumberOfAttempts;
      if (failedId !== undefined) {
        const delayMs = attempts < maxAttempts ? retryDelayMs(action.retryOptions, attempts) : 0;
        const fireAt = new Date(context.now.getTime() + delayMs).toISOString();
        schedule({ actionType: ActionType.CreateTimer, fireAt }, { retryOf: actionIndex, role: 'timer' });
      } else if (isRetryTimer(book.byId.get(firedId ?? -1)?.origin) && attempts < maxAttempts) {
        schedule(action, { retryOf: actionIndex, role: 'attempt' });
      }
    }
  }

  for (let index = book.handledActions; index < idActions.length; index++) {
    const action = idActions[index];
    if (action !== undefined) schedule(action, { actionIndex: index });
  }

  if (outcome.state.isDone) {
    const continueAsNew = actions.find((action) => action.actionType === ActionType.ContinueAsNew);
    if (continueAsNew !== undefined) {
      return finish(context, events, messages, {
        status: 'ContinuedAsNew',
        input: inputText(continueAsNew.input),
        customStatus,
      });
    }
    return finish(context, events, messages, {
      status: 'Completed',
      output: jsonTextOf(outcome.state.output),
      customStatus,
    });
  }
  return finish(context, events, messages, { status: 'Running', customStatus });
}

function isRetryTimer(origin: EventOrigin | undefined): boolean {
  return origin !== undefined && 'role' in origin && origin.role === 'timer';
}

function isRetryAction(action: OrchestratorAction): boolean {
  return (
    action.actionType === ActionType.CallActivityWithRetry ||
    action.actionType === ActionType.CallSubOrchestratorWithRetry
  );
}

/** firstRetryInterval × backoffCoefficient^(attempt-1), capped at maxRetryInterval (DTFx RetryInterceptor). */
export function retryDelayMs(options: RetryOptions, attempt: number): number {
  const delay = options.firstRetryIntervalInMilliseconds * (options.backoffCoefficient ?? 1) ** (attempt - 1);
  return Math.min(delay, options.maxRetryIntervalInMilliseconds ?? Number.POSITIVE_INFINITY);
}

/** Activity and ContinueAsNew string inputs are JSON text already; other values are serialised here. */
function inputText(input: unknown): string | null {
  if (input === undefined) return null;
  return typeof input === 'string' ? input : jsonTextOf(input);
}

function scheduleTask(
  context: EpisodeContext,
  id: number,
  action: OrchestratorAction,
  origin: EventOrigin,
  messages: OutboundMessage[],
): StoredEvent {
  const at = (fields: NewEvent): HistoryEvent => historyEvent({ ...fields, EventId: id }, context.now);
  const kind = taskKindOf(action);
  const name = action.functionName ?? '';
  if (kind === 'timer') {
    const fireAt = action.fireAt ?? context.now.toISOString();
    messages.push(timerMessage(context, id, fireAt));
    return { event: at({ EventType: EventType.TimerCreated, FireAt: fireAt }), origin };
  }
  if (kind === 'subOrchestration') {
    const childId = action.instanceId ?? `${context.executionId}:${id}`;
    // Sub-orchestrator input is the raw value (no processInput), so it is always serialised.
    const input = action.input === undefined ? null : jsonTextOf(action.input);
    const childExecutionId = randomUUID();
    messages.push({
      queue: 'control',
      message: {
        id: `${childExecutionId}:start`,
        instanceId: childId,
        executionId: childExecutionId,
        event: historyEvent(
          { EventType: EventType.ExecutionStarted, Name: name, Input: input, Version: action.version ?? '' },
          context.now,
        ),
        parent: { instanceId: context.instanceId, executionId: context.executionId, taskId: id },
      },
    });
    return {
      event: at({
        EventType: EventType.SubOrchestrationInstanceCreated,
        Name: name,
        InstanceId: childId,
        Input: input,
      }),
      origin,
    };
  }
  const input = inputText(action.input);
  messages.push({
    queue: 'workItems',
    message: {
      instanceId: context.instanceId,
      executionId: context.executionId,
      taskId: id,
      name,
      ...(input === null ? {} : { input }),
    },
  });
  return { event: at({ EventType: EventType.TaskScheduled, Name: name, Input: input }), origin };
}

/** Closes the episode: OrchestratorCompleted, the terminal event if any, and the parent's notice. */
function finish(
  context: EpisodeContext,
  events: StoredEvent[],
  messages: OutboundMessage[],
  result: EpisodeResult,
): EpisodeDecision {
  const at = (fields: NewEvent): StoredEvent => ({ event: historyEvent(fields, context.now) });
  events.push(at({ EventType: EventType.OrchestratorCompleted }));
  if (result.status === 'Completed') {
    events.push(
      at({ EventType: EventType.ExecutionCompleted, OrchestrationStatus: 'Completed', Result: result.output }),
    );
  } else if (result.status === 'Failed') {
    events.push(at({ EventType: EventType.ExecutionFailed, Reason: result.output, Details: '' }));
  }
  const parent = context.parent;
  if (parent !== undefined && (result.status === 'Completed' || result.status === 'Failed')) {
    const answer: NewEvent =
      result.status === 'Completed'
        ? {
            EventType: EventType.SubOrchestrationInstanceCompleted,
            TaskScheduledId: parent.taskId,
            Result: result.output,
          }
        : {
            EventType: EventType.SubOrchestrationInstanceFailed,
            TaskScheduledId: parent.taskId,
            Reason: failureText(result.output),
            Details: '',
          };
    messages.push({
      queue: 'control',
      message: {
        id: `${parent.executionId}:${parent.taskId}`,
        instanceId: parent.instanceId,
        executionId: parent.executionId,
        event: historyEvent(answer, context.now),
      },
    });
  }
  return { events, messages, result };
}

function failureText(output: string): string {
  const parsed = JSON.parse(output) as unknown;
  return typeof parsed === 'string' ? parsed : output;
}
