import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { createStorageClients, type StorageClients } from '../../src/platform/storage/storageClients.js';

/** The suite's Azurite (started by the global setup) as the app's storage clients. */
export function testStorage(): StorageClients {
  return createStorageClients({ kind: 'connectionString', connectionString: inject('azuriteConnectionString') });
}

export function testConnectionString(): string {
  return inject('azuriteConnectionString');
}

/** A lower-case name no other test uses, for containers, tables and host ids. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

export async function blobNames(container: ContainerClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat({ prefix })) names.push(blob.name);
  return names;
}

export function containerOf(name: string): ContainerClient {
  return BlobServiceClient.fromConnectionString(testConnectionString()).getContainerClient(name);
}
