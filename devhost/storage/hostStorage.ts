import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { TableClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import type { StorageSetting } from './storageSetting.js';

/** The host's own storage: blob trigger receipts and queues, and the durable task hub. */
export interface HostStorage {
  readonly blobs: BlobServiceClient;
  readonly queues: QueueServiceClient;
  /** A client for one of the host's tables, after creating the table if it is missing. */
  table(name: string): Promise<TableClient>;
}

export function hostStorage(setting: StorageSetting): HostStorage {
  let blobs: BlobServiceClient;
  let queues: QueueServiceClient;
  let tableClient: (name: string) => TableClient;
  if (setting.kind === 'connectionString') {
    const { connectionString } = setting;
    // The table SDK refuses plain HTTP (Azurite) unless told; the blob and queue SDKs accept it.
    const allowInsecureConnection = /(^|;)\s*(TableEndpoint=http:|UseDevelopmentStorage=true)/i.test(connectionString);
    blobs = BlobServiceClient.fromConnectionString(connectionString);
    queues = QueueServiceClient.fromConnectionString(connectionString);
    tableClient = (name) => TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection });
  } else {
    const { serviceUris, clientId } = setting;
    const credential = new DefaultAzureCredential(clientId === undefined ? {} : { managedIdentityClientId: clientId });
    blobs = new BlobServiceClient(serviceUris.blob, credential);
    queues = new QueueServiceClient(serviceUris.queue, credential);
    tableClient = (name) => new TableClient(serviceUris.table, name, credential);
  }
  return {
    blobs,
    queues,
    async table(name) {
      const client = tableClient(name);
      // createTable is a no-op for a table that exists, so starting again is safe.
      await client.createTable();
      return client;
    },
  };
}
