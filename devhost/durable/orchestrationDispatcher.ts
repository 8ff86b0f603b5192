import { randomUUID } from 'node:crypto';
import type { DequeuedMessageItem } from '@azure/storage-queue';
import { describeError } from '../core/describeError.js';
import type { FunctionCatalog, HostLogger } from '../core/functionCatalog.js';
import type { Invoker } from '../core/invoker.js';
import { EventType, historyEvent, type HistoryEvent } from './historyEvents.js';
import { decodeControlMessage, type ControlMessage, type OutboundMessage } from './durableMessages.js';
import type { HistoryStore, StoredEvent } from './historyStore.js';
import {
  ConcurrencyConflictError,
  isTerminal,
  type InstanceRecord,
  type InstanceStore,
  type StoredInstance,
} from './instanceStore.js';
import { runOrchestratorEpisode, type EpisodeOutcome } from './episodeRunner.js';
import { decideEpisode } from './episodeDecisions.js';
import { answeredTaskId, TaskBook } from './taskBook.js';
import { remainingTimerSeconds } from './timerDispatch.js';
import { deleteMessage, type WorkQueues } from './workQueues.js';

export interface DispatcherOptions {
  /** Instances whose episodes run at the same time; one instance never runs two at once. */
  concurrency: number;
  visibilitySeconds: number;
}

interface HeldMessage {
  readonly messageId: string;
  popReceipt: string;
  readonly message: ControlMessage;
}

/** An instance loaded for a run of episodes: its row (with ETag) and committed history. */
interface Session {
  stored: StoredInstance | undefined;
  history: StoredEvent[] | undefined;
  /** The outbox being cleared after its messages were sent; awaited before the next change. */
  clearing?: Promise<void> | undefined;
}

const cachedSessions = 1000;

/** A message that arrived before its instance started (raised event, early terminate): look again shortly. */
const notStartedRetrySeconds = 1;

/**
 * Drives orchestration instances from the control queue. Messages are grouped per instance and
 * each instance is drained by one worker at a time, so its episodes never overlap; up to
 * `concurrency` instances progress in parallel. Every episode commits in a crash-safe order:
 * history rows (upserts past the committed length), then the instance row under its ETag with
 * the outgoing messages as an outbox, then the sends, then the outbox cleared, then the
 * incoming message deleted. A redelivered message whose event is already in the history is
 * dropped, and an outbox left by a crash is sent before anything else happens to the instance.
 */
export class OrchestrationDispatcher {
  readonly #active = new Map<string, HeldMessage[]>();
  readonly #waiting = new Map<string, HeldMessage[]>();
  readonly #held = new Map<string, HeldMessage>();
  readonly #workers = new Set<Promise<void>>();
  /** Recently active instances, kept between drains; a stale one fails its ETag check and is re-read. */
  readonly #sessions = new Map<string, Session>();

  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly invoker: Invoker,
    private readonly instances: InstanceStore,
    private readonly histories: HistoryStore,
    private readonly queues: WorkQueues,
    private readonly options: DispatcherOptions,
    private readonly logger: HostLogger,
  ) {}

  async poll(): Promise<number> {
    // Saturated: receive again only once an instance finishes, so held messages stay few and fresh.
    while (this.#active.size >= this.options.concurrency && this.#waiting.size > 0) {
      await Promise.race(this.#workers);
    }
    const { receivedMessageItems } = await this.queues.control.receiveMessages({
      numberOfMessages: 32,
      visibilityTimeout: this.options.visibilitySeconds,
    });
    for (const item of receivedMessageItems) await this.#hold(item);
    this.#startWorkers();
    return receivedMessageItems.length;
  }

  async stop(): Promise<void> {
    this.#waiting.clear();
    await Promise.all([...this.#workers]);
  }

  async #hold(item: DequeuedMessageItem): Promise<void> {
    const known = this.#held.get(item.messageId);
    if (known !== undefined) {
      // Its visibility lapsed while it waited here; only the newest receipt can delete it.
      known.popReceipt = item.popReceipt;
      return;
    }
    const message = decodeControlMessage(item.messageText);
    if (message === undefined) {
      this.logger('warning', 'system', `Dropping unreadable durable control message ${item.messageId}.`);
      await deleteMessage(this.queues.control, item.messageId, item.popReceipt);
      return;
    }
    const held: HeldMessage = { messageId: item.messageId, popReceipt: item.popReceipt, message };
    this.#held.set(item.messageId, held);
    const queue = this.#active.get(message.instanceId) ?? this.#waiting.get(message.instanceId);
    if (queue !== undefined) queue.push(held);
    else this.#waiting.set(message.instanceId, [held]);
  }

  #startWorkers(): void {
    for (const [instanceId, queue] of this.#waiting) {
      if (this.#active.size >= this.options.concurrency) return;
      this.#waiting.delete(instanceId);
      this.#active.set(instanceId, queue);
      const worker = this.#drain(instanceId, queue)
        .catch((error: unknown) => {
          this.logger('error', 'system', `Durable instance ${instanceId} failed to progress: ${describeError(error)}`);
        })
        .finally(() => {
          this.#active.delete(instanceId);
          this.#workers.delete(worker);
          this.#startWorkers();
        });
      this.#workers.add(worker);
    }
  }

  async #drain(instanceId: string, queue: HeldMessage[]): Promise<void> {
    let session = this.#sessions.get(instanceId);
    this.#sessions.delete(instanceId);
    for (let held = queue.shift(); held !== undefined; held = queue.shift()) {
      try {
        session = await this.#processFresh(session, instanceId, held);
      } catch (error: unknown) {
        // Left for redelivery after its visibility timeout; the instance is read afresh.
        session = undefined;
        this.logger(
          'warning',
          'system',
          `Durable message ${held.messageId} for ${instanceId} will be retried: ${describeError(error)}`,
        );
      } finally {
        this.#held.delete(held.messageId);
      }
    }
    if (session?.stored !== undefined && !isTerminal(session.stored.record.runtimeStatus)) {
      this.#sessions.set(instanceId, session);
      const oldest = this.#sessions.keys().next();
      if (this.#sessions.size > cachedSessions && oldest.done !== true) this.#sessions.delete(oldest.value);
    }
  }

  /** Processes with the cached session, and once more with a fresh one if the cache was stale. */
  async #processFresh(cached: Session | undefined, instanceId: string, held: HeldMessage): Promise<Session> {
    if (cached !== undefined) {
      try {
        await this.#process(cached, held);
        return cached;
      } catch (error: unknown) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    }
    const session = await this.#load(instanceId);
    await this.#process(session, held);
    return session;
  }

  async #load(instanceId: string): Promise<Session> {
    const stored = await this.instances.get(instanceId);
    if (stored !== undefined && stored.record.outbox.length > 0) {
      // A crash left committed messages unsent: send them first (receivers drop duplicates).
      await this.queues.send(stored.record.outbox);
      stored.etag = await this.instances.replace({ ...stored.record, outbox: [] }, stored.etag);
      stored.record.outbox = [];
    }
    return { stored, history: undefined };
  }

  async #process(session: Session, held: HeldMessage): Promise<void> {
    const { message } = held;
    const now = new Date();
    const wait = remainingTimerSeconds(message, now);
    if (wait > 0) {
      await this.#release(held, wait);
      return;
    }
    const disposition = await this.#apply(session, message, now);
    // The sent outbox is cleared while the message goes: only a crash in between re-sends it.
    await Promise.all([
      disposition === 'later'
        ? this.#release(held, notStartedRetrySeconds)
        : deleteMessage(this.queues.control, held.messageId, held.popReceipt),
      session.clearing,
    ]);
    session.clearing = undefined;
  }

  async #release(held: HeldMessage, seconds: number): Promise<void> {
    await this.queues.control.updateMessage(held.messageId, held.popReceipt, undefined, seconds);
  }

  /** Applies one message to the instance; 'done' when the message can go, 'later' to see it again. */
  async #apply(session: Session, message: ControlMessage, now: Date): Promise<'done' | 'later'> {
    const event = message.event;
    if (event.EventType === EventType.ExecutionStarted) return this.#start(session, message, now);
    const stored = session.stored;
    if (stored === undefined || isTerminal(stored.record.runtimeStatus)) return 'done';
    const record = stored.record;
    if (message.executionId !== undefined && message.executionId !== record.executionId) return 'done';
    if (record.historyLength === 0) return 'later';
    const history = await this.#history(session, record);
    const book = new TaskBook(history);
    if (book.messageIds.has(message.id)) return 'done';
    const answered = answeredTaskId(event);
    if (answered !== undefined && (book.answered.has(answered) || !book.byId.has(answered))) return 'done';

    if (event.EventType === EventType.ExecutionTerminated) {
      const events: StoredEvent[] = [
        { event: historyEvent({ EventType: EventType.OrchestratorStarted }, now) },
        { event: { ...event, Timestamp: now.toISOString() }, messageId: message.id },
      ];
      await this.#commit(session, events, { ...record, runtimeStatus: 'Terminated', output: event.Input ?? null }, []);
      return 'done';
    }
    await this.#episode(session, record, history, { ...event, Timestamp: now.toISOString() }, message.id, now);
    return 'done';
  }

  async #start(session: Session, message: ControlMessage, now: Date): Promise<'done' | 'later'> {
    const event = message.event;
    const executionId = message.executionId ?? randomUUID();
    let stored = session.stored;
    const fresh: InstanceRecord = {
      instanceId: message.instanceId,
      name: event.Name ?? '',
      runtimeStatus: 'Pending',
      input: event.Input ?? null,
      output: null,
      customStatus: null,
      createdTime: now.toISOString(),
      lastUpdatedTime: now.toISOString(),
      executionId,
      historyLength: 0,
      ...(message.parent === undefined ? {} : { parent: message.parent }),
      outbox: [],
    };
    if (stored === undefined) {
      stored = await this.instances.create(fresh);
      if (stored === undefined) throw new Error(`Instance ${message.instanceId} was created concurrently.`);
      session.stored = stored;
    } else if (stored.record.executionId !== executionId) {
      if (!isTerminal(stored.record.runtimeStatus)) {
        this.logger('warning', 'system', `Not starting ${message.instanceId} again: an execution of it is running.`);
        return 'done';
      }
      await this.histories.delete(message.instanceId, stored.record.executionId);
      stored.etag = await this.instances.replace(fresh, stored.etag);
      stored.record = fresh;
      session.history = [];
    }
    const record = stored.record;
    if (record.historyLength > 0) return 'done';
    session.history = [];
    await this.#episode(session, record, [], { ...event, Timestamp: now.toISOString() }, message.id, now);
    return 'done';
  }

  async #history(session: Session, record: InstanceRecord): Promise<StoredEvent[]> {
    session.history ??= await this.histories.read(record.instanceId, record.executionId, record.historyLength);
    return session.history;
  }

  async #episode(
    session: Session,
    record: InstanceRecord,
    history: StoredEvent[],
    event: HistoryEvent,
    messageId: string,
    now: Date,
  ): Promise<void> {
    const started: StoredEvent = { event: historyEvent({ EventType: EventType.OrchestratorStarted }, now) };
    const applied: StoredEvent = { event, messageId };
    const prior = [...history, started, applied];
    const orchestrator = this.catalog.get(record.name);
    let outcome: EpisodeOutcome;
    if (orchestrator?.trigger.type.toLowerCase() !== 'orchestrationtrigger') {
      outcome = {
        kind: 'failed',
        error: `The function '${record.name}' doesn't exist, is disabled, or is not an orchestrator function.`,
      };
    } else {
      outcome = await runOrchestratorEpisode(this.invoker, orchestrator, {
        instanceId: record.instanceId,
        ...(record.parent === undefined ? {} : { parentInstanceId: record.parent.instanceId }),
        input: record.input,
        history: prior.map((stored, index) => ({ ...stored.event, IsPlayed: index < history.length })),
      });
    }
    const decision = decideEpisode(
      {
        instanceId: record.instanceId,
        executionId: record.executionId,
        name: record.name,
        now,
        ...(record.parent === undefined ? {} : { parent: record.parent }),
      },
      prior,
      event,
      outcome,
    );
    const result = decision.result;
    const messages: OutboundMessage[] = [...decision.messages];
    let next: InstanceRecord = {
      ...record,
      customStatus: result.customStatus,
      runtimeStatus: result.status === 'ContinuedAsNew' ? 'ContinuedAsNew' : result.status,
    };
    if (result.status === 'Completed' || result.status === 'Failed') next.output = result.output;
    if (result.status === 'ContinuedAsNew') {
      const executionId = randomUUID();
      messages.push({
        queue: 'control',
        message: {
          id: `${executionId}:start`,
          instanceId: record.instanceId,
          executionId,
          event: historyEvent({ EventType: EventType.ExecutionStarted, Name: record.name, Input: result.input }, now),
        },
      });
      next = { ...next, executionId, input: result.input, historyLength: 0, output: null };
    }
    await this.#commit(session, [started, applied, ...decision.events], next, messages);
    if (result.status === 'ContinuedAsNew') {
      await this.histories.delete(record.instanceId, record.executionId);
    }
  }

  /** Appends `events` to the execution and commits `next` under the row's ETag, then sends `messages`. */
  async #commit(
    session: Session,
    events: StoredEvent[],
    next: InstanceRecord,
    messages: OutboundMessage[],
  ): Promise<void> {
    const stored = session.stored;
    if (stored === undefined) throw new Error('No instance to commit to.');
    const previous = stored.record;
    const sameExecution = next.executionId === previous.executionId;
    await this.histories.write(previous.instanceId, previous.executionId, previous.historyLength, events);
    const committed: InstanceRecord = {
      ...next,
      historyLength: sameExecution ? previous.historyLength + events.length : 0,
      runtimeStatus: next.runtimeStatus === 'Pending' ? 'Running' : next.runtimeStatus,
      lastUpdatedTime: new Date().toISOString(),
      outbox: messages,
    };
    stored.etag = await this.instances.replace(committed, stored.etag);
    stored.record = committed;
    session.history = sameExecution ? [...(session.history ?? []), ...events] : [];
    if (messages.length === 0) return;
    await this.queues.send(messages);
    const sent: InstanceRecord = { ...committed, outbox: [] };
    session.clearing = this.instances.replace(sent, stored.etag).then((etag) => {
      stored.etag = etag;
      stored.record = sent;
    });
  }
}
