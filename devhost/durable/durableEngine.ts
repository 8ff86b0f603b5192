import type { HostStorage } from '../storage/hostStorage.js';
import type { FunctionCatalog, HostLogger } from '../core/functionCatalog.js';
import type { Invoker } from '../core/invoker.js';
import { PollingLoop } from '../core/pollingLoop.js';
import { ActivityRunner } from './activityRunner.js';
import {
  durableClientInputData,
  durableRpcPath,
  durableWebhookPath,
  type ClientConnection,
} from './clientInputData.js';
import { HistoryStore } from './historyStore.js';
import { InstanceCommands } from './instanceCommands.js';
import { InstanceStore } from './instanceStore.js';
import { DurableManagementEndpoint } from './managementEndpoint.js';
import { OrchestrationDispatcher } from './orchestrationDispatcher.js';
import { taskHubNames } from './taskHubNames.js';
import { WorkQueues } from './workQueues.js';
import { DurableRpcListener } from './rpcListener.js';
import { durableSystemKeyName, type HostKeys } from '../keys/hostKeys.js';
import { SystemKeyGuard } from '../keys/systemKeyGuard.js';
import type { SystemEndpoint } from '../http/localHttpServer.js';

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
 * the management endpoint (public behind the system key, and on a loopback listener for the app's
 * client) and the `durableClient` binding's data.
 */
export class DurableEngine {
  readonly #loops: PollingLoop[];

  private constructor(
    /** The public management API under /runtime/webhooks/durabletask. */
    readonly endpoint: SystemEndpoint,
    private readonly rpc: DurableRpcListener,
    private readonly connection: ClientConnection,
    private readonly systemKey: string,
    private readonly dispatcher: OrchestrationDispatcher,
    private readonly activities: ActivityRunner,
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
    keys: HostKeys,
    options: DurableEngineOptions,
    logger: HostLogger,
  ): Promise<DurableEngine> {
    const names = taskHubNames(options.hubName);
    const instances = new InstanceStore(await storage.table(names.instancesTable));
    const histories = new HistoryStore(await storage.table(names.historyTable));
    const queues = new WorkQueues(storage.queues, names);
    await queues.create();
    const visibilitySeconds = options.visibilitySeconds;
    const commands = new InstanceCommands(catalog, instances, histories, queues);
    const connection: ClientConnection = { taskHubName: names.hub, connectionName: 'Storage' };
    const systemKey = keys.systemKey(durableSystemKeyName);
    const endpoint = (pathPrefix: string, linkKey: string | undefined): DurableManagementEndpoint =>
      new DurableManagementEndpoint(pathPrefix, commands, connection, options.maxRequestBodyBytes, linkKey);
    const rpc = new DurableRpcListener(endpoint(durableRpcPath, undefined), logger);
    await rpc.start();
    return new DurableEngine(
      new SystemKeyGuard(endpoint(durableWebhookPath, systemKey), keys, durableSystemKeyName),
      rpc,
      connection,
      systemKey,
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
      queues,
      options,
      logger,
    );
  }

  /** The `durableClient` binding's data for a function invoked on a host reachable at `origin`. */
  clientInputData(origin: string): string {
    return durableClientInputData(origin, this.rpc.origin, this.connection, this.systemKey);
  }

  start(): void {
    for (const loop of this.#loops) loop.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.#loops.map((loop) => loop.stop()));
    await Promise.all([this.dispatcher.stop(), this.activities.stop()]);
    await this.rpc.stop();
  }
}
