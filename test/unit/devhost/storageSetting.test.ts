import { describe, expect, it } from 'vitest';
import { parseStorageSetting } from '../../../devhost/storage/storageSetting.js';
import { HostSettingsError } from '../../../devhost/validateSettings.js';

// How the Functions host reads its own storage connection, AzureWebJobsStorage: a connection
// string, or identity-based settings that win over it.
// https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
describe('the local host reads AzureWebJobsStorage as the Functions host does', () => {
  const uris = (account: string) => ({
    blob: `https://${account}.blob.core.windows.net`,
    queue: `https://${account}.queue.core.windows.net`,
    table: `https://${account}.table.core.windows.net`,
  });

  it('takes a connection string (Azurite locally)', () => {
    expect(parseStorageSetting({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' })).toEqual({
      kind: 'connectionString',
      connectionString: 'UseDevelopmentStorage=true',
    });
  });

  it('derives the three service URIs of an account for an identity, with its client id', () => {
    const setting = parseStorageSetting({
      AzureWebJobsStorage__accountName: 'hoststore',
      AzureWebJobsStorage__clientId: 'c-1',
    });
    expect(setting).toEqual({ kind: 'identity', serviceUris: uris('hoststore'), clientId: 'c-1' });
  });

  it('lets explicit service URIs win over the connection string', () => {
    const explicit = uris('other');
    const setting = parseStorageSetting({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      AzureWebJobsStorage__blobServiceUri: explicit.blob,
      AzureWebJobsStorage__queueServiceUri: explicit.queue,
      AzureWebJobsStorage__tableServiceUri: explicit.table,
    });
    expect(setting).toEqual({ kind: 'identity', serviceUris: explicit, clientId: undefined });
  });

  it.each([
    [{}, /AzureWebJobsStorage is not set/],
    [
      { AzureWebJobsStorage__blobServiceUri: 'https://a.blob.core.windows.net' },
      /needs AzureWebJobsStorage__queueServiceUri/,
    ],
    [{ AzureWebJobsStorage__blobServiceUri: 'ftp://a' }, /AzureWebJobsStorage__blobServiceUri: /],
    [
      { AzureWebJobsStorage__accountName: 'Not-An-Account' },
      /AzureWebJobsStorage__accountName: a storage account name/,
    ],
  ])('refuses %j with a message that names the setting', (environment, message) => {
    expect(() => parseStorageSetting(environment)).toThrow(HostSettingsError);
    expect(() => parseStorageSetting(environment)).toThrow(message);
  });
});
