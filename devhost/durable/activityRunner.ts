import type { DequeuedMessageItem } from '@azure/storage-queue';
import { describeError } from '../core/describeError.js';
import type { FunctionCatalog, HostLogger } from '../core/functionCatalog.js';
import type { Invoker } from '../core/invoker.js';
import { EventType, historyEvent, type NewEvent } from './historyEvents.js';
import { decodeWorkItem, type ActivityWorkItem } from './durableMessages.js';
import { jsonTextOf, valueOfTypedData } from './typedData.js';
import { deleteMessage, keepInvisible, type WorkQueues } from './workQueues.js';

export interface ActivityRunnerOptions {
  concurrency: number;
  visibilitySeconds: number;
}

/**
 * Runs activity work items at least once: the item stays invisible while the activity runs and
 * is deleted only after its TaskCompleted/TaskFailed is on the control queue, so a crash in
 * between runs the attempt again and the instance keeps only the first answer.
 */
export class ActivityRunner {
  #running = 0;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly invoker: Invoker,
    private readonly queues: WorkQueues,
    private readonly options: ActivityRunnerOptions,
    private readonly logger: HostLogger,
  ) {}

  /** Waits for a free slot, then takes as many work items as there are free slots; returns how many it started. */
  async poll(): Promise<number> {
    while (this.#running >= this.options.concurrency) await Promise.race(this.#inFlight);
    const free = Math.min(32, this.options.concurrency - this.#running);
    const { receivedMessageItems } = await this.queues.workItems.receiveMessages({
      numberOfMessages: free,
      visibilityTimeout: this.options.visibilitySeconds,
    });
    for (const item of receivedMessageItems) {
      this.#running++;
      const run = this.#run(item)
        .catch((error: unknown) => {
          this.logger('error', 'system', `Activity work item ${item.messageId} failed: ${describeError(error)}`);
        })
        .finally(() => {
          this.#running--;
          this.#inFlight.delete(run);
        });
      this.#inFlight.add(run);
    }
    return receivedMessageItems.length;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#inFlight]);
  }

  async #run(item: DequeuedMessageItem): Promise<void> {
    const workItem = decodeWorkItem(item.messageText);
    if (workItem === undefined) {
      this.logger('warning', 'system', `Dropping unreadable activity work item ${item.messageId}.`);
      await deleteMessage(this.queues.workItems, item.messageId, item.popReceipt);
      return;
    }
    const lease = keepInvisible(this.queues.workItems, item, this.options.visibilitySeconds, this.logger);
    let answer: NewEvent;
    try {
      answer = await this.#invoke(workItem);
    } finally {
      await lease.stop();
    }
    await this.queues.send([
      {
        queue: 'control',
        message: {
          id: `${workItem.executionId}:${workItem.taskId}`,
          instanceId: workItem.instanceId,
          executionId: workItem.executionId,
          event: historyEvent(answer, new Date()),
        },
      },
    ]);
    await deleteMessage(this.queues.workItems, item.messageId, lease.popReceipt());
  }

  async #invoke(workItem: ActivityWorkItem): Promise<NewEvent> {
    const fn = this.catalog.get(workItem.name);
    const taskScheduledId = workItem.taskId;
    if (fn?.trigger.type.toLowerCase() !== 'activitytrigger') {
      const reason = `The function '${workItem.name}' doesn't exist, is disabled, or is not an activity function.`;
      return { EventType: EventType.TaskFailed, TaskScheduledId: taskScheduledId, Reason: reason, Details: '' };
    }
    try {
      // The input is JSON text; as {string} the library's tryJsonParse hands the function the value.
      const response = await this.invoker.invoke(fn, {
        trigger: workItem.input === undefined ? undefined : { string: workItem.input },
      });
      const result = jsonTextOf(valueOfTypedData(response.returnValue));
      return { EventType: EventType.TaskCompleted, TaskScheduledId: taskScheduledId, Result: result };
    } catch (error: unknown) {
      const message = describeError(error);
      this.logger(
        'warning',
        'system',
        `Activity ${workItem.name} (task ${taskScheduledId} of ${workItem.instanceId}) failed: ${message}`,
      );
      return {
        EventType: EventType.TaskFailed,
        TaskScheduledId: taskScheduledId,
        Reason: `Activity function '${workItem.name}' failed: ${message}`,
        Details: JSON.stringify({ Message: message, StackTrace: error instanceof Error ? (error.stack ?? '') : '' }),
      };
    }
  }
}
