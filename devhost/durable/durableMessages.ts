import { z } from 'zod';
import type { HistoryEvent } from './historyEvents.js';

/** Where a sub-orchestration reports back: the parent's instance, execution and task id. */
export interface ParentLink {
  instanceId: string;
  executionId: string;
  taskId: number;
}

/** A message to an orchestration instance: one history event to append, in its own episode. */
export interface ControlMessage {
  /** Deterministic for task results (so a duplicate is recognised), random for raised events. */
  id: string;
  instanceId: string;
  /** The execution the event belongs to; absent for events aimed at whatever execution runs. */
  executionId?: string;
  event: HistoryEvent;
  /** On ExecutionStarted of a sub-orchestration. */
  parent?: ParentLink;
}

/** A request to run one activity attempt for task `taskId` of an execution. */
export interface ActivityWorkItem {
  instanceId: string;
  executionId: string;
  taskId: number;
  name: string;
  /** JSON text; absent when the orchestrator passed no input. */
  input?: string;
}

export type OutboundMessage =
  | { queue: 'control'; message: ControlMessage; delaySeconds?: number }
  | { queue: 'workItems'; message: ActivityWorkItem };

const historyEventSchema = z.looseObject({
  EventType: z.number().int(),
  EventId: z.number().int(),
  IsPlayed: z.boolean(),
  Timestamp: z.string(),
}) as unknown as z.ZodType<HistoryEvent>;

const parentSchema = z.object({ instanceId: z.string(), executionId: z.string(), taskId: z.number().int() });

const controlMessageSchema = z.object({
  id: z.string().min(1),
  instanceId: z.string().min(1),
  executionId: z.string().optional(),
  event: historyEventSchema,
  parent: parentSchema.optional(),
});

const workItemSchema = z.object({
  instanceId: z.string().min(1),
  executionId: z.string().min(1),
  taskId: z.number().int(),
  name: z.string().min(1),
  input: z.string().optional(),
});

export const outboundMessagesSchema = z.array(
  z.union([
    z.object({ queue: z.literal('control'), message: controlMessageSchema, delaySeconds: z.number().optional() }),
    z.object({ queue: z.literal('workItems'), message: workItemSchema }),
  ]),
) as unknown as z.ZodType<OutboundMessage[]>;

/** Queue messages hold at most 64 KiB; DurableTask.AzureStorage moves bigger ones to blobs, this host refuses them. */
const maxMessageBytes = 60_000;

export function encodeMessage(message: ControlMessage | ActivityWorkItem): string {
  const text = JSON.stringify(message);
  if (Buffer.byteLength(text) > maxMessageBytes) {
    throw new Error(
      `A durable message for instance ${message.instanceId} is ${Buffer.byteLength(text)} bytes; the local host supports at most ${maxMessageBytes}. Pass large data by reference (e.g. a blob name).`,
    );
  }
  return text;
}

function decode<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON at all: the caller drops such a message as unreadable.
    return undefined;
  }
}

export function decodeControlMessage(text: string): ControlMessage | undefined {
  return decode(controlMessageSchema as unknown as z.ZodType<ControlMessage>, text);
}

export function decodeWorkItem(text: string): ActivityWorkItem | undefined {
  return decode(workItemSchema, text);
}
