import { createStorageClients, type StorageClients } from '../../src/platform/storage/storageClients.js';
import { testConnectionString, uniqueName } from './testStorage.js';

/**
 * Storage clients whose tables carry a unique prefix, for tests of single-partition structures
 * (such as the audit chain) that must not share rows with other tests.
 */
export function storageClientsFor(prefix: string): Promise<StorageClients> {
  const base = createStorageClients({ kind: 'connectionString', connectionString: testConnectionString() });
  const tablePrefix = uniqueName(prefix);
  return Promise.resolve({ ...base, table: (name: string) => base.table(`${tablePrefix}${name}`) });
}
