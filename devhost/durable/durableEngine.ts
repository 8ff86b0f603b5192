import type { HostStorage } from '../storage/hostStorage.js';
import type { FunctionCatalog, HostLogger } from '../core/functionCatalog.js';
import type { Invoker } from '../core/invoker.js';
import { PollingLoop } from '../core/pollingLoop.js';
import { ActivityRunner } from './activityRunner.js';
import { durableClientInputData } from './clientInputData.js';
import { HistoryStore } from './historyStore.js';
import { InstanceCommands } from './instanceCommands.js';
import { InstanceStore } from './instanceStore.js';
import { DurableManagementEndpoint } from './managementEndpoint.js';
import { OrchestrationDispatcher } from './orchestrationDispatcher.js';
import { taskHubNames } from './taskHubNames.js';
import { WorkQueues } from './workQueues.js';

export interface DurableEngineOptions {
  hubName: string;
  /** Instances progressing at the same time. */
  concurrency: number;
  activityConcurrency: number;
  pollIntervalMs: number;
  visibilitySeconds: number;
  maxRequestBodyBytes: number;
}

/**
 * Durable Functions for the local host: task hub storage (history and instance tables, control
 * and work-item queues in the app's storage account), the dispatcher and activity runner loops,
 * the management endpoint and the `durableClient` binding's data.
 */
export class DurableEngine {
  readonly #loops: PollingLoop[];

  private constructor(
    readonly endpoint: DurableManagementEndpoint,
    private readonly dispatcher: OrchestrationDispatcher,
    private readonly activities: ActivityRunner,
    private readonly hubName: string,
    queues: WorkQueues,
    options: DurableEngineOptions,
    logger: HostLogger,
  ) {
    const orchestrations = new PollingLoop(
      'durable orchestrations',
      () => dispatcher.poll(),
      options.pollIntervalMs,
      logger,
    );
    const activityWork = new PollingLoop('durable activities', () => activities.poll(), options.pollIntervalMs, logger);
    this.#loops = [orchestrations, activityWork];
    // What this host queues itself it can pick up at once; other senders wait for the next poll.
    queues.onSent = (queue) => {
      if (queue === 'control') orchestrations.wake();
      else activityWork.wake();
    };
  }

  static async create(
    catalog: FunctionCatalog,
    invoker: Invoker,
    storage: HostStorage,
    options: DurableEngineOptions,
    logger: HostLogger,
  ): Promise<DurableEngine> {
    const names = taskHubNames(options.hubName);
    const instances = new InstanceStore(await storage.table(names.instancesTable));
    const histories = new HistoryStore(await storage.table(names.historyTable));
    const queues = new WorkQueues(storage.queues, names);
    await queues.create();
    const visibilitySeconds = options.visibilitySeconds;
    return new DurableEngine(
      new DurableManagementEndpoint(
        new InstanceCommands(catalog, instances, histories, queues),
        { taskHubName: names.hub, connectionName: 'Storage' },
        options.maxRequestBodyBytes,
      ),
      new OrchestrationDispatcher(
        catalog,
        invoker,
        instances,
        histories,
        queues,
        { concurrency: options.concurrency, visibilitySeconds },
        logger,
      ),
      new ActivityRunner(
        catalog,
        invoker,
        queues,
        { concurrency: options.activityConcurrency, visibilitySeconds },
        logger,
      ),
      names.hub,
      queues,
      options,
      logger,
    );
  }

  /** The `durableClient` binding's data for a function invoked on a host reachable at `origin`. */
  clientInputData(origin: string): string {
    return durableClientInputData(origin, { taskHubName: this.hubName, connectionName: 'Storage' });
  }

  start(): void {
    for (const loop of this.#loops) loop.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.#loops.map((loop) => loop.stop()));
    await Promise.all([this.dispatcher.stop(), this.activities.stop()]);
  }
}
