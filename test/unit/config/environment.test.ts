import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  parseAppConfig,
  parseStorageConnection,
} from '../../../src/platform/config/environment.js';

describe('parseStorageConnection', () => {
  it('reads a connection string', () => {
    expect(
      parseStorageConnection({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' }, 'AzureWebJobsStorage'),
    ).toEqual({
      kind: 'connectionString',
      connectionString: 'UseDevelopmentStorage=true',
    });
  });

  it('derives service URIs from an account name for a managed identity', () => {
    const config = parseStorageConnection(
      { AzureWebJobsStorage__accountName: 'wesadstore', AzureWebJobsStorage__clientId: 'client-1' },
      'AzureWebJobsStorage',
    );
    expect(config).toEqual({
      kind: 'identity',
      blobServiceUri: 'https://wesadstore.blob.core.windows.net',
      queueServiceUri: 'https://wesadstore.queue.core.windows.net',
      tableServiceUri: 'https://wesadstore.table.core.windows.net',
      clientId: 'client-1',
    });
  });

  it('prefers identity settings over a connection string, as the host does', () => {
    const config = parseStorageConnection(
      {
        AzureWebJobsStorage: 'UseDevelopmentStorage=true',
        AzureWebJobsStorage__blobServiceUri: 'https://a.blob.core.windows.net',
        AzureWebJobsStorage__queueServiceUri: 'https://a.queue.core.windows.net',
        AzureWebJobsStorage__tableServiceUri: 'https://a.table.core.windows.net',
      },
      'AzureWebJobsStorage',
    );
    expect(config.kind).toBe('identity');
  });

  it('explains what is missing', () => {
    expect(() => parseStorageConnection({}, 'AzureWebJobsStorage')).toThrow(ConfigurationError);
    expect(() =>
      parseStorageConnection(
        { AzureWebJobsStorage__blobServiceUri: 'https://a.blob.core.windows.net' },
        'AzureWebJobsStorage',
      ),
    ).toThrow(/queueServiceUri is required/);
    expect(() =>
      parseStorageConnection({ AzureWebJobsStorage__blobServiceUri: 'not a url' }, 'AzureWebJobsStorage'),
    ).toThrow(/AzureWebJobsStorage__blobServiceUri/);
  });
});

describe('parseAppConfig', () => {
  it('validates numbers and names the host', () => {
    const config = parseAppConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', WESAD_LOCAL_DEVHOST: 'true' });
    expect(config.hostKind).toBe('local-devhost');
    expect(config.maxUploadBytes).toBe(1_073_741_824);
    expect(() => parseAppConfig({ AzureWebJobsStorage: 'x', WESAD_MAX_UPLOAD_BYTES: '-1' })).toThrow(
      /WESAD_MAX_UPLOAD_BYTES/,
    );
  });
});
