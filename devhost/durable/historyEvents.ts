/**
 * History events as the durable-functions library reads them (history/HistoryEventType.js):
 * PascalCase fields, `EventType` an int, `Result`/`Input` JSON text.
 */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventRaised: 15,
} as const;

export type EventTypeValue = (typeof EventType)[keyof typeof EventType];

export const eventTypeNames: Record<EventTypeValue, string> = Object.fromEntries(
  Object.entries(EventType).map(([name, value]) => [value, name]),
) as Record<EventTypeValue, string>;

export interface HistoryEvent {
  EventType: EventTypeValue;
  /** The task id for scheduling events (the ID rule), -1 for the others, as DTFx writes it. */
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  Name?: string;
  Input?: string | null;
  Version?: string;
  Result?: string | null;
  TaskScheduledId?: number;
  Reason?: string;
  Details?: string;
  InstanceId?: string;
  FireAt?: string;
  TimerId?: number;
  OrchestrationStatus?: string;
}

export type NewEvent = Omit<HistoryEvent, 'EventId' | 'IsPlayed' | 'Timestamp'> & { EventId?: number };

export function historyEvent(fields: NewEvent, timestamp: Date): HistoryEvent {
  return { EventId: -1, ...fields, IsPlayed: false, Timestamp: timestamp.toISOString() };
}

export function isSchedulingEvent(event: HistoryEvent): boolean {
  return (
    event.EventType === EventType.TaskScheduled ||
    event.EventType === EventType.TimerCreated ||
    event.EventType === EventType.SubOrchestrationInstanceCreated
  );
}
