import type { BlobServiceClient } from '@azure/storage-blob';
import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import type { FunctionCatalog, HostLogger, RegisteredFunction } from '../core/functionCatalog.js';
import type { Invoker } from '../core/invoker.js';
import type { RpcTypedData } from '../core/coreTypes.js';
import { describeError } from '../core/describeError.js';
import { BlobPathPattern } from './blobPathPattern.js';
import { isStatus } from '../storage/restStatus.js';
import { blobCreatedEvent } from '../eventGrid/blobCreatedEvent.js';
import { decodeBlobTriggerMessage, functionNameOf, quotedEtag, type BlobTriggerMessage } from './blobTriggerMessage.js';

export interface BlobTriggerQueueOptions {
  visibilityTimeoutSeconds: number;
  /** host.json extensions.blobs.poisonBlobThreshold: attempts before a blob is reported as poison. */
  poisonBlobThreshold: number;
}

/**
 * The queue half of the blob trigger (BlobQueueTriggerExecutor): invokes the function for a
 * message whose blob version still exists, deletes the message on success, makes it visible
 * again on failure, and moves it to `webjobs-blobtrigger-poison` after the last attempt.
 */
export class BlobTriggerQueueProcessor {
  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly invoker: Invoker,
    private readonly blobs: BlobServiceClient,
    private readonly triggerQueue: QueueClient,
    private readonly poisonQueue: QueueClient,
    private readonly options: BlobTriggerQueueOptions,
    private readonly logger: HostLogger,
  ) {}

  /** Receives up to `limit` messages and processes them concurrently; returns how many it took. */
  async processBatch(limit: number): Promise<number> {
    const { receivedMessageItems } = await this.triggerQueue.receiveMessages({
      numberOfMessages: limit,
      visibilityTimeout: this.options.visibilityTimeoutSeconds,
    });
    await Promise.all(receivedMessageItems.map((item) => this.#process(item)));
    return receivedMessageItems.length;
  }

  async #process(item: DequeuedMessageItem): Promise<void> {
    const message = decodeBlobTriggerMessage(item.messageText);
    const fn = message === undefined ? undefined : this.catalog.get(functionNameOf(message.FunctionId));
    if (message === undefined || fn === undefined) {
      this.logger(
        'warning',
        'system',
        `Dropping blob trigger message ${item.messageId}: unreadable or for an unknown function.`,
      );
      await this.#delete(item);
      return;
    }
    const blob = this.blobs.getContainerClient(message.ContainerName).getBlobClient(message.BlobName);
    const label = `${message.ContainerName}/${message.BlobName}`;
    let trigger: RpcTypedData;
    let properties: Awaited<ReturnType<typeof blob.getProperties>>;
    try {
      properties = await blob.getProperties();
      if (properties.etag === undefined || quotedEtag(properties.etag) !== quotedEtag(message.ETag)) {
        // A newer version replaced it; that version has a receipt and a message of its own.
        this.logger('information', 'system', `Skipping ${label} ${message.ETag}: the blob has changed since.`);
        await this.#delete(item);
        return;
      }
      if (item.dequeueCount > this.options.poisonBlobThreshold) {
        await this.#poison(item, message, 'attempts exhausted before this delivery');
        return;
      }
      trigger =
        fn.trigger.type === 'eventGridTrigger'
          ? // An Event Grid subscriber gets the event only and reads the blob itself, as in Azure.
            {
              json: JSON.stringify(
                blobCreatedEvent({
                  accountName: this.blobs.accountName,
                  container: message.ContainerName,
                  blobName: message.BlobName,
                  url: blob.url,
                  etag: properties.etag,
                  contentLength: properties.contentLength,
                  contentType: properties.contentType,
                  lastModified: properties.lastModified,
                }),
              ),
            }
          : { bytes: await blob.downloadToBuffer(0, undefined, { conditions: { ifMatch: quotedEtag(message.ETag) } }) };
    } catch (error: unknown) {
      if (isStatus(error, 404, 412)) {
        this.logger('information', 'system', `Skipping ${label} ${message.ETag}: the blob is gone or changed.`);
        await this.#delete(item);
        return;
      }
      throw error;
    }

    const renewal = this.#keepInvisible(item);
    try {
      await this.invoker.invoke(fn, {
        trigger,
        ...(fn.trigger.type === 'blobTrigger'
          ? { triggerMetadata: triggerMetadataOf(fn, message, blob.url, properties) }
          : {}),
      });
      renewal.stop();
      await this.#delete(item, renewal.popReceipt());
      this.logger('information', 'system', `Executed ${fn.metadata.name} for ${label} (attempt ${item.dequeueCount})`);
    } catch (error: unknown) {
      renewal.stop();
      this.logger(
        'error',
        'system',
        `${fn.metadata.name} failed for ${label} (attempt ${item.dequeueCount} of ${this.options.poisonBlobThreshold}): ${describeError(error)}`,
      );
      if (item.dequeueCount >= this.options.poisonBlobThreshold) {
        await this.#poison(item, message, describeError(error), renewal.popReceipt());
      } else {
        await this.triggerQueue.updateMessage(item.messageId, renewal.popReceipt(), undefined, 0);
      }
    }
  }

  /** Renews the message's invisibility while a long invocation runs, as the queue listener does. */
  #keepInvisible(item: DequeuedMessageItem): { stop(): void; popReceipt(): string } {
    let popReceipt = item.popReceipt;
    let renewing: Promise<void> = Promise.resolve();
    const seconds = this.options.visibilityTimeoutSeconds;
    const timer = setInterval(
      () => {
        renewing = renewing
          .then(async () => {
            const updated = await this.triggerQueue.updateMessage(item.messageId, popReceipt, undefined, seconds);
            if (updated.popReceipt !== undefined) popReceipt = updated.popReceipt;
          })
          .catch((error: unknown) => {
            this.logger('warning', 'system', `Could not extend message ${item.messageId}: ${describeError(error)}`);
          });
      },
      (seconds * 1000) / 2,
    );
    return {
      stop: () => {
        clearInterval(timer);
      },
      popReceipt: () => popReceipt,
    };
  }

  async #poison(
    item: DequeuedMessageItem,
    message: BlobTriggerMessage,
    reason: string,
    popReceipt = item.popReceipt,
  ): Promise<void> {
    await this.poisonQueue.createIfNotExists();
    await this.poisonQueue.sendMessage(item.messageText);
    await this.#delete(item, popReceipt);
    this.logger(
      'error',
      'system',
      `Blob ${message.ContainerName}/${message.BlobName} moved to ${this.poisonQueue.name} for ${functionNameOf(message.FunctionId)}: ${reason}`,
    );
  }

  async #delete(item: DequeuedMessageItem, popReceipt = item.popReceipt): Promise<void> {
    try {
      await this.triggerQueue.deleteMessage(item.messageId, popReceipt);
    } catch (error: unknown) {
      // Gone already (another host, or visibility lapsed and it was redelivered): nothing to undo.
      if (!isStatus(error, 404)) throw error;
    }
  }
}

function triggerMetadataOf(
  fn: RegisteredFunction,
  message: BlobTriggerMessage,
  uri: string,
  properties: {
    contentLength?: number;
    contentType?: string;
    etag?: string;
    lastModified?: Date;
    metadata?: Record<string, string>;
  },
): Record<string, RpcTypedData> {
  const path = typeof fn.trigger.path === 'string' ? fn.trigger.path : `${message.ContainerName}/{name}`;
  const parameters = new BlobPathPattern(path).match(message.BlobName) ?? {};
  const metadata: Record<string, RpcTypedData> = {
    BlobTrigger: { string: `${message.ContainerName}/${message.BlobName}` },
    Uri: { string: uri },
    Properties: {
      json: JSON.stringify({
        ContentLength: properties.contentLength,
        ContentType: properties.contentType,
        ETag: properties.etag,
        LastModified: properties.lastModified?.toISOString(),
        BlobType: 'BlockBlob',
      }),
    },
    Metadata: { json: JSON.stringify(properties.metadata ?? {}) },
  };
  for (const [name, value] of Object.entries(parameters)) metadata[name] = { string: value };
  return metadata;
}
