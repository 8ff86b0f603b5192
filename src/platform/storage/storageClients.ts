import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { StorageConfig } from '../config/environment.js';

/** The three storage services of the app's account, each built once per process. */
export interface StorageClients {
  readonly blobs: BlobServiceClient;
  readonly queues: QueueServiceClient;
  readonly tables: TableServiceClient;
  /** A client for one table; the table is created on first use (idempotent). */
  table(name: string): Promise<TableClient>;
}

export function createStorageClients(config: StorageConfig): StorageClients {
  return config.kind === 'connectionString'
    ? fromConnectionString(config.connectionString)
    : fromIdentity(
        config,
        new DefaultAzureCredential(config.clientId === undefined ? {} : { managedIdentityClientId: config.clientId }),
      );
}

function fromConnectionString(connectionString: string): StorageClients {
  // Azurite speaks plain HTTP; the table SDK refuses that unless told, the others accept it.
  const allowInsecureConnection = /(^|;)\s*(TableEndpoint=http:|UseDevelopmentStorage=true)/i.test(connectionString);
  return withTables(
    BlobServiceClient.fromConnectionString(connectionString),
    QueueServiceClient.fromConnectionString(connectionString),
    TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection }),
    (name) => TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection }),
  );
}

function fromIdentity(
  config: Extract<StorageConfig, { kind: 'identity' }>,
  credential: TokenCredential,
): StorageClients {
  return withTables(
    new BlobServiceClient(config.blobServiceUri, credential),
    new QueueServiceClient(config.queueServiceUri, credential),
    new TableServiceClient(config.tableServiceUri, credential),
    (name) => new TableClient(config.tableServiceUri, name, credential),
  );
}

function withTables(
  blobs: BlobServiceClient,
  queues: QueueServiceClient,
  tables: TableServiceClient,
  tableClient: (name: string) => TableClient,
): StorageClients {
  const ready = new Map<string, Promise<TableClient>>();
  return {
    blobs,
    queues,
    tables,
    table(name) {
      let client = ready.get(name);
      if (client === undefined) {
        const created = tableClient(name);
        // createTable is a no-op when the table exists, so a retry after a failure is safe.
        client = created.createTable().then(() => created);
        client.catch(() => ready.delete(name));
        ready.set(name, client);
      }
      return client;
    },
  };
}
