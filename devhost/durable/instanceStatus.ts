import { EventType, eventTypeNames, type HistoryEvent } from './historyEvents.js';
import type { StoredEvent } from './historyStore.js';
import type { InstanceRecord } from './instanceStore.js';

export interface StatusOptions {
  showInput: boolean;
  showHistoryOutput: boolean;
  history?: readonly StoredEvent[];
}

/** StatusResponsePayload of the Durable HTTP API; times without fractions, as the extension writes them. */
export function statusPayload(record: InstanceRecord, options: StatusOptions): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    name: record.name,
    instanceId: record.instanceId,
    runtimeStatus: record.runtimeStatus,
    input: options.showInput ? parseJson(record.input) : null,
    customStatus: parseJson(record.customStatus),
    output: parseJson(record.output),
    createdTime: wholeSeconds(record.createdTime),
    lastUpdatedTime: wholeSeconds(record.lastUpdatedTime),
  };
  if (options.history !== undefined) {
    const condensed = condenseHistory(options.history, options);
    // The JS client reads `history`, the HTTP API documents `historyEvents` (durable-js issue 620).
    payload.historyEvents = condensed;
    payload.history = condensed;
  }
  return payload;
}

function parseJson(text: string | null): unknown {
  if (text === null || text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON (should not happen for values this engine wrote): show the text itself.
    return text;
  }
}

function wholeSeconds(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

/** The condensed history of the HTTP API: one entry per start, completion, failure, timer and event. */
function condenseHistory(history: readonly StoredEvent[], options: StatusOptions): Record<string, unknown>[] {
  const scheduled = new Map<number, HistoryEvent>();
  const entries: Record<string, unknown>[] = [];
  for (const { event } of history) {
    const type = eventTypeNames[event.EventType];
    switch (event.EventType) {
      case EventType.TaskScheduled:
      case EventType.SubOrchestrationInstanceCreated:
        scheduled.set(event.EventId, event);
        break;
      case EventType.ExecutionStarted:
        entries.push({
          EventType: type,
          FunctionName: event.Name,
          Timestamp: event.Timestamp,
          ...(options.showInput ? { Input: parseJson(event.Input ?? null) } : {}),
        });
        break;
      case EventType.TaskCompleted:
      case EventType.TaskFailed:
      case EventType.SubOrchestrationInstanceCompleted:
      case EventType.SubOrchestrationInstanceFailed: {
        const origin = scheduled.get(event.TaskScheduledId ?? -1);
        entries.push({
          EventType: type,
          FunctionName: origin?.Name,
          ...(origin?.InstanceId === undefined ? {} : { InstanceId: origin.InstanceId }),
          ...(options.showHistoryOutput && event.Result !== undefined ? { Result: parseJson(event.Result) } : {}),
          ...(event.Reason === undefined ? {} : { Reason: event.Reason, Details: event.Details }),
          ScheduledTime: origin?.Timestamp,
          Timestamp: event.Timestamp,
        });
        break;
      }
      case EventType.TimerFired:
        entries.push({ EventType: type, FireAt: event.FireAt, Timestamp: event.Timestamp });
        break;
      case EventType.EventRaised:
        entries.push({
          EventType: type,
          Name: event.Name,
          ...(options.showHistoryOutput ? { Input: parseJson(event.Input ?? null) } : {}),
          Timestamp: event.Timestamp,
        });
        break;
      case EventType.ExecutionCompleted:
      case EventType.ExecutionFailed:
      case EventType.ExecutionTerminated:
        entries.push({
          EventType: type,
          OrchestrationStatus:
            event.EventType === EventType.ExecutionCompleted
              ? 'Completed'
              : event.EventType === EventType.ExecutionFailed
                ? 'Failed'
                : 'Terminated',
          ...(options.showHistoryOutput
            ? { Result: parseJson(event.Result ?? event.Reason ?? event.Input ?? null) }
            : {}),
          Timestamp: event.Timestamp,
        });
        break;
      default:
        break;
    }
  }
  return entries;
}
