import { EventType, isSchedulingEvent, type HistoryEvent } from './historyEvents.js';
import type { StoredEvent } from './historyStore.js';

/**
 * What an execution's history says about its tasks, as the engine needs it to continue the ID
 * rule: the next sequence number, which id belongs to which orchestrator action, how many
 * attempts each retried action has had, and which ids are already answered.
 */
export class TaskBook {
  nextId = 0;
  readonly byId = new Map<number, StoredEvent>();
  /** Scheduling event per orchestrator action index (flattened, id-taking actions only). */
  readonly byActionIndex = new Map<number, StoredEvent>();
  readonly attempts = new Map<number, number>();
  readonly answered = new Set<number>();
  readonly messageIds = new Set<string>();

  constructor(history: readonly StoredEvent[]) {
    for (const stored of history) this.add(stored);
  }

  add(stored: StoredEvent): void {
    const { event, origin } = stored;
    if (stored.messageId !== undefined) this.messageIds.add(stored.messageId);
    if (isSchedulingEvent(event)) {
      this.byId.set(event.EventId, stored);
      this.nextId = Math.max(this.nextId, event.EventId + 1);
      if (origin !== undefined && 'actionIndex' in origin) {
        this.byActionIndex.set(origin.actionIndex, stored);
        this.attempts.set(origin.actionIndex, 1);
      } else if (origin?.role === 'attempt') {
        this.attempts.set(origin.retryOf, (this.attempts.get(origin.retryOf) ?? 0) + 1);
      }
      return;
    }
    const answered = answeredTaskId(event);
    if (answered !== undefined) this.answered.add(answered);
  }

  get handledActions(): number {
    return this.byActionIndex.size;
  }

  /** The action index a task id serves, whether it is the action's own id or a retry of it. */
  actionIndexOf(taskId: number): number | undefined {
    const origin = this.byId.get(taskId)?.origin;
    if (origin === undefined) return undefined;
    return 'actionIndex' in origin ? origin.actionIndex : origin.retryOf;
  }
}

export function answeredTaskId(event: HistoryEvent): number | undefined {
  switch (event.EventType) {
    case EventType.TaskCompleted:
    case EventType.TaskFailed:
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.SubOrchestrationInstanceFailed:
      return event.TaskScheduledId;
    case EventType.TimerFired:
      return event.TimerId;
    default:
      return undefined;
  }
}
