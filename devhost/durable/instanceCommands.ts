import { randomUUID } from 'node:crypto';
import type { FunctionCatalog } from '../core/functionCatalog.js';
import { EventType, historyEvent } from './historyEvents.js';
import type { HistoryStore, StoredEvent } from './historyStore.js';
import { isTerminal, type InstanceQuery, type InstanceRecord, type InstanceStore } from './instanceStore.js';
import type { WorkQueues } from './workQueues.js';

export type CommandOutcome = 'accepted' | 'notFound' | 'gone';

export class CommandError extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** Table keys cannot hold these, and DTFx refuses them in instance ids for the same reason. */
const invalidIdCharacters = /[/\\#?]/;

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * What the durable client asks of the task hub (DurableClient / HttpApiHandler): start, raise
 * an event, terminate, purge, read status. Changes to a running instance travel as control
 * messages, so only the dispatcher ever writes a started instance's history.
 */
export class InstanceCommands {
  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly instances: InstanceStore,
    private readonly histories: HistoryStore,
    private readonly queues: WorkQueues,
  ) {}

  async start(name: string, instanceId: string | undefined, input: string | null): Promise<string> {
    const orchestrator = this.catalog.get(name);
    if (orchestrator?.trigger.type.toLowerCase() !== 'orchestrationtrigger') {
      throw new CommandError(
        400,
        `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`,
      );
    }
    const id = instanceId ?? randomUUID().replaceAll('-', '');
    if (id === '' || id.length > 100 || invalidIdCharacters.test(id) || hasControlCharacter(id)) {
      throw new CommandError(
        400,
        `Instance id "${id}" is not valid: at most 100 characters, none of / \\ # ? or control characters.`,
      );
    }
    const now = new Date().toISOString();
    const executionId = randomUUID();
    const record: InstanceRecord = {
      instanceId: id,
      name: orchestrator.metadata.name,
      runtimeStatus: 'Pending',
      input,
      output: null,
      customStatus: null,
      createdTime: now,
      lastUpdatedTime: now,
      executionId,
      historyLength: 0,
      outbox: [],
    };
    const existing = await this.instances.get(id);
    if (existing === undefined) {
      if ((await this.instances.create(record)) === undefined) {
        throw new CommandError(409, `An instance with id ${id} was created at the same time.`);
      }
    } else {
      if (!isTerminal(existing.record.runtimeStatus)) {
        throw new CommandError(
          409,
          `An orchestration instance with id ${id} is already ${existing.record.runtimeStatus}.`,
        );
      }
      await this.instances.replace(record, existing.etag);
      await this.histories.delete(id, existing.record.executionId);
    }
    await this.queues.send([
      {
        queue: 'control',
        message: {
          id: `${executionId}:start`,
          instanceId: id,
          executionId,
          event: historyEvent(
            { EventType: EventType.ExecutionStarted, Name: record.name, Input: input, Version: '' },
            new Date(now),
          ),
        },
      },
    ]);
    return id;
  }

  async raiseEvent(instanceId: string, eventName: string, data: string | null): Promise<CommandOutcome> {
    return this.#send(instanceId, { EventType: EventType.EventRaised, Name: eventName, Input: data });
  }

  async terminate(instanceId: string, reason: string): Promise<CommandOutcome> {
    return this.#send(instanceId, { EventType: EventType.ExecutionTerminated, Input: JSON.stringify(reason) });
  }

  async #send(
    instanceId: string,
    event: {
      EventType: typeof EventType.EventRaised | typeof EventType.ExecutionTerminated;
      Name?: string;
      Input: string | null;
    },
  ): Promise<CommandOutcome> {
    const stored = await this.instances.get(instanceId);
    if (stored === undefined) return 'notFound';
    if (isTerminal(stored.record.runtimeStatus)) return 'gone';
    await this.queues.send([
      { queue: 'control', message: { id: randomUUID(), instanceId, event: historyEvent(event, new Date()) } },
    ]);
    return 'accepted';
  }

  async status(
    instanceId: string,
    withHistory: boolean,
  ): Promise<{ record: InstanceRecord; history?: StoredEvent[] } | undefined> {
    const stored = await this.instances.get(instanceId);
    if (stored === undefined) return undefined;
    const { record } = stored;
    if (!withHistory) return { record };
    return { record, history: await this.histories.read(instanceId, record.executionId, record.historyLength) };
  }

  list(query: InstanceQuery): Promise<{ records: InstanceRecord[]; continuationToken?: string }> {
    return this.instances.list(query);
  }

  /** Deletes a finished instance's row and history; false when there is no such instance. */
  async purge(instanceId: string): Promise<'purged' | 'notFound' | 'running'> {
    const stored = await this.instances.get(instanceId);
    if (stored === undefined) return 'notFound';
    if (!isTerminal(stored.record.runtimeStatus)) return 'running';
    await this.histories.delete(instanceId);
    await this.instances.delete(instanceId);
    return 'purged';
  }

  async purgeWhere(query: Omit<InstanceQuery, 'top' | 'continuationToken'>): Promise<number> {
    let purged = 0;
    let continuationToken: string | undefined;
    do {
      const page = await this.instances.list({
        ...query,
        top: 100,
        ...(continuationToken === undefined ? {} : { continuationToken }),
      });
      for (const record of page.records) {
        if ((await this.purge(record.instanceId)) === 'purged') purged++;
      }
      continuationToken = page.continuationToken;
    } while (continuationToken !== undefined);
    return purged;
  }
}
