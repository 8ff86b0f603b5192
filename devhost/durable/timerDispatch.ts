import { EventType, historyEvent } from './historyEvents.js';
import type { ControlMessage, OutboundMessage } from './durableMessages.js';

/** Azure queues keep a message invisible for at most seven days; longer timers hop. */
const maxDelaySeconds = 7 * 24 * 3600 - 60;

/**
 * Durable timers are TimerFired messages on the control queue made visible at `fireAt`, as in
 * DurableTask.AzureStorage: nothing polls a timer table, and a timer survives restarts.
 */
export function timerMessage(
  context: { instanceId: string; executionId: string; now: Date },
  timerId: number,
  fireAt: string,
): OutboundMessage {
  return {
    queue: 'control',
    message: {
      id: `${context.executionId}:${timerId}`,
      instanceId: context.instanceId,
      executionId: context.executionId,
      event: historyEvent({ EventType: EventType.TimerFired, TimerId: timerId, FireAt: fireAt }, context.now),
    },
    delaySeconds: secondsUntil(fireAt, context.now),
  };
}

/** How long a received timer message must still wait; 0 when it is due. */
export function remainingTimerSeconds(message: ControlMessage, now: Date): number {
  if (message.event.EventType !== EventType.TimerFired || message.event.FireAt === undefined) return 0;
  return secondsUntil(message.event.FireAt, now);
}

function secondsUntil(fireAt: string, now: Date): number {
  const seconds = Math.ceil((Date.parse(fireAt) - now.getTime()) / 1000);
  return Number.isNaN(seconds) ? 0 : Math.min(Math.max(seconds, 0), maxDelaySeconds);
}
