import { z } from 'zod';
import { HostSettingsError, validateSettings } from '../validateSettings.js';

type Service = 'blob' | 'queue' | 'table';

/** How the host reaches its storage account (AzureWebJobsStorage). */
export type StorageSetting =
  | { kind: 'connectionString'; connectionString: string }
  /** Identity-based: DefaultAzureCredential, with a user-assigned identity when clientId is set. */
  | { kind: 'identity'; serviceUris: Record<Service, string>; clientId: string | undefined };

const serviceUri = z.url({ protocol: /^https?$/ }).optional();

const schema = z.object({
  AzureWebJobsStorage: z.string().min(1).optional(),
  AzureWebJobsStorage__accountName: z
    .string()
    .regex(/^[a-z0-9]{3,24}$/, 'a storage account name')
    .optional(),
  AzureWebJobsStorage__blobServiceUri: serviceUri,
  AzureWebJobsStorage__queueServiceUri: serviceUri,
  AzureWebJobsStorage__tableServiceUri: serviceUri,
  AzureWebJobsStorage__clientId: z.string().min(1).optional(),
});

/**
 * Reads AzureWebJobsStorage as the Functions host does: identity-based settings
 * (`__accountName`, or `__blobServiceUri` with `__queueServiceUri` and `__tableServiceUri`) win
 * over a connection string such as "UseDevelopmentStorage=true".
 * https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
 */
export function parseStorageSetting(environment: NodeJS.ProcessEnv): StorageSetting {
  const values = validateSettings(schema, environment);
  const account = values.AzureWebJobsStorage__accountName;
  const uriOf = (service: Service): string | undefined =>
    values[`AzureWebJobsStorage__${service}ServiceUri`] ??
    (account === undefined ? undefined : `https://${account}.${service}.core.windows.net`);
  const [blob, queue, table] = [uriOf('blob'), uriOf('queue'), uriOf('table')];
  if (blob === undefined) {
    if (values.AzureWebJobsStorage !== undefined)
      return { kind: 'connectionString', connectionString: values.AzureWebJobsStorage };
    throw new HostSettingsError(
      'AzureWebJobsStorage is not set: give a connection string (locally "UseDevelopmentStorage=true") ' +
        'or AzureWebJobsStorage__accountName / __blobServiceUri for a managed identity.',
    );
  }
  if (queue === undefined || table === undefined)
    throw new HostSettingsError(
      'AzureWebJobsStorage__blobServiceUri needs AzureWebJobsStorage__queueServiceUri and __tableServiceUri too.',
    );
  return { kind: 'identity', serviceUris: { blob, queue, table }, clientId: values.AzureWebJobsStorage__clientId };
}
