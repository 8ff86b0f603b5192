import type { DequeuedMessageItem, QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { isStatus } from '../storage/restStatus.js';
import type { HostLogger } from '../core/functionCatalog.js';
import { describeError } from '../core/describeError.js';
import { encodeMessage, type OutboundMessage } from './durableMessages.js';
import type { TaskHubNames } from './taskHubNames.js';

/** The task hub's two queues: control (orchestrator events, timers) and work items (activities). */
export class WorkQueues {
  readonly control: QueueClient;
  readonly workItems: QueueClient;
  /** Told which queue got a message that is visible at once, so its loop need not wait for a poll. */
  onSent: (queue: OutboundMessage['queue']) => void = () => undefined;

  constructor(queues: QueueServiceClient, names: TaskHubNames) {
    this.control = queues.getQueueClient(names.controlQueue);
    this.workItems = queues.getQueueClient(names.workItemQueue);
  }

  async create(): Promise<void> {
    await this.control.createIfNotExists();
    await this.workItems.createIfNotExists();
  }

  async send(messages: readonly OutboundMessage[]): Promise<void> {
    await Promise.all(
      messages.map((outbound) =>
        outbound.queue === 'control'
          ? this.control.sendMessage(encodeMessage(outbound.message), {
              visibilityTimeout: outbound.delaySeconds ?? 0,
            })
          : this.workItems.sendMessage(encodeMessage(outbound.message)),
      ),
    );
    const woken = new Set(
      messages
        .filter((outbound) => outbound.queue === 'workItems' || !outbound.delaySeconds)
        .map((outbound) => outbound.queue),
    );
    for (const queue of woken) this.onSent(queue);
  }
}

/** Deletes a received message; one already gone (redelivered elsewhere, or expired) is fine. */
export async function deleteMessage(queue: QueueClient, messageId: string, popReceipt: string): Promise<void> {
  try {
    await queue.deleteMessage(messageId, popReceipt);
  } catch (error: unknown) {
    // Gone already: its visibility lapsed and another receive took it; that one finishes the job.
    if (!isStatus(error, 404)) throw error;
  }
}

/**
 * Keeps a received message invisible while its work runs, renewing at half the timeout as the
 * Functions queue listener does; `popReceipt()` is the latest receipt to delete it with.
 */
export function keepInvisible(
  queue: QueueClient,
  item: DequeuedMessageItem,
  visibilitySeconds: number,
  logger: HostLogger,
): { stop(): Promise<void>; popReceipt(): string } {
  let popReceipt = item.popReceipt;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = renewing
        .then(async () => {
          const updated = await queue.updateMessage(item.messageId, popReceipt, undefined, visibilitySeconds);
          if (updated.popReceipt !== undefined) popReceipt = updated.popReceipt;
        })
        .catch((error: unknown) => {
          logger('warning', 'system', `Could not extend durable message ${item.messageId}: ${describeError(error)}`);
        });
    },
    (visibilitySeconds * 1000) / 2,
  );
  return {
    stop: async () => {
      clearInterval(timer);
      await renewing;
    },
    popReceipt: () => popReceipt,
  };
}
