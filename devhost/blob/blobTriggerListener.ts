import type { HostStorage } from '../storage/hostStorage.js';
import type { DevHostConfig } from '../devHostConfig.js';
import type { FunctionCatalog, HostLogger } from '../core/functionCatalog.js';
import type { Invoker } from '../core/invoker.js';
import { PollingLoop } from '../core/pollingLoop.js';
import { BlobPathPattern } from './blobPathPattern.js';
import { BlobReceipts } from './blobReceipts.js';
import { BlobScanner } from './blobScanner.js';
import { BlobTriggerQueueProcessor } from './blobTriggerQueueProcessor.js';
import type { BlobEventSubscription } from '../eventGrid/eventSubscriptions.js';

export const hostContainerName = 'azure-webjobs-hosts';
export const poisonQueueName = 'webjobs-blobtrigger-poison';

export function blobTriggerQueueName(hostId: string): string {
  return `azure-webjobs-blobtrigger-${hostId}`;
}

/**
 * Wires the scanner and the queue processor for every blobTrigger function and every Event Grid
 * function subscribed to blob events. Both use the host storage account here; a binding naming
 * another connection is refused at start.
 */
export class BlobTriggerListener {
  readonly #loops: PollingLoop[] = [];

  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly invoker: Invoker,
    private readonly storage: HostStorage,
    private readonly config: DevHostConfig,
    private readonly poisonBlobThreshold: number,
    private readonly blobEventSubscriptions: readonly BlobEventSubscription[],
    private readonly logger: HostLogger,
  ) {}

  async start(): Promise<void> {
    const blobTriggers = this.catalog.byTrigger('blobTrigger').map((fn) => {
      const { path, connection } = fn.trigger;
      if (typeof path !== 'string') throw new Error(`Blob trigger "${fn.metadata.name}" has no path.`);
      if (connection !== undefined && connection !== 'AzureWebJobsStorage') {
        throw new Error(
          `Blob trigger "${fn.metadata.name}" uses connection ${JSON.stringify(connection)}; the local host serves AzureWebJobsStorage only.`,
        );
      }
      const pattern = new BlobPathPattern(path);
      return {
        name: fn.metadata.name,
        container: pattern.container,
        matches: (blobName: string) => pattern.match(blobName) !== undefined,
      };
    });
    const eventGridTriggers = this.blobEventSubscriptions.map((subscription) => {
      const fn = this.catalog.get(subscription.function);
      if (fn?.trigger.type !== 'eventGridTrigger') {
        throw new Error(
          `Event subscription names "${subscription.function}", which is not an Event Grid triggered function.`,
        );
      }
      return { name: fn.metadata.name, container: subscription.container, matches: () => true };
    });
    const functions = [...blobTriggers, ...eventGridTriggers];
    if (functions.length === 0) return;

    const hostContainer = this.storage.blobs.getContainerClient(hostContainerName);
    await hostContainer.createIfNotExists();
    const triggerQueue = this.storage.queues.getQueueClient(blobTriggerQueueName(this.config.hostId));
    await triggerQueue.createIfNotExists();
    const poisonQueue = this.storage.queues.getQueueClient(poisonQueueName);

    const scanner = new BlobScanner(
      this.storage.blobs,
      hostContainer,
      new BlobReceipts(hostContainer, this.config.hostId),
      triggerQueue,
      functions,
      this.config.hostId,
      this.logger,
    );
    const processor = new BlobTriggerQueueProcessor(
      this.catalog,
      this.invoker,
      this.storage.blobs,
      triggerQueue,
      poisonQueue,
      {
        visibilityTimeoutSeconds: this.config.blobVisibilityTimeoutSeconds,
        poisonBlobThreshold: this.poisonBlobThreshold,
      },
      this.logger,
    );
    const pollMs = this.config.blobPollIntervalMs;
    // The scanner never reports "more work": it waits a full interval between scans.
    this.#loops.push(new PollingLoop('blob scan', async () => (await scanner.scanOnce(), 0), pollMs, this.logger));
    this.#loops.push(
      new PollingLoop(
        'blob trigger queue',
        () => processor.processBatch(this.config.blobConcurrency),
        pollMs,
        this.logger,
      ),
    );
    for (const loop of this.#loops) loop.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.#loops.map((loop) => loop.stop()));
  }
}
