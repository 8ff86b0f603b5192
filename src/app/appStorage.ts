import { appConfig } from './appConfig.js';
import { createStorageClients, type StorageClients } from '../platform/storage/storageClients.js';

let clients: StorageClients | undefined;

/** The storage clients of this process, built once from the validated configuration. */
export function appStorage(): StorageClients {
  clients ??= createStorageClients(appConfig().storage);
  return clients;
}
