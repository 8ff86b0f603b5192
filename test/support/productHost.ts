import { freePort } from '../../devhost/embeddedAzurite.js';
import { UploadLedger, type UploadRecord } from '../../src/domain/datasets/uploadLedger.js';
import { projectRoot, startHostProcess, type HostProcess } from './hostProcess.js';
import { BlobServiceClient } from '@azure/storage-blob';
import { createStorageClients } from '../../src/platform/storage/storageClients.js';
import { testConnectionString, uniqueName } from './testStorage.js';
import { devTokenSetting } from './devTokens.js';
import { eventually } from './eventually.js';
import { syntheticPickle } from './syntheticUploads.js';

/**
 * The product app on the local host, on the suite's Azurite, with the test tokens and a host id
 * of its own (so blob receipts and queues never mix with another test's host).
 */
export async function startProductHost(
  name: string,
  environment: Record<string, string> = {},
  hostId = uniqueName(`${name}-`),
  port?: number,
): Promise<HostProcess> {
  return startHostProcess({
    appRoot: projectRoot,
    port: port ?? (await freePort()),
    environment: {
      AzureWebJobsStorage: testConnectionString(),
      AzureFunctionsWebHost__hostid: hostId,
      DEVHOST_BLOB_POLL_MS: '250',
      DEVHOST_DURABLE_POLL_MS: '100',
      DEVHOST_AUTH_TOKENS: devTokenSetting,
      // Hosts of other test files share this Azurite and task hub: their uploads must not start
      // automatic runs there. The continuous-training tests turn it on, on an Azurite of their own.
      CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT: '',
      ...environment,
    },
  });
}

/** Uploads a synthetic pickle per subject to wesad-raw and waits until each is ingested. */
export async function uploadSubjects(
  subjects: readonly string[],
  seconds: number,
  seed: number,
  connectionString = testConnectionString(),
): Promise<UploadRecord[]> {
  const raw = BlobServiceClient.fromConnectionString(connectionString).getContainerClient('wesad-raw');
  await raw.createIfNotExists();
  for (const [index, subject] of subjects.entries()) {
    await raw
      .getBlockBlobClient(`${subject}/${subject}.pkl`)
      .uploadData(syntheticPickle(subject, seconds, seed + index));
  }
  const ledger = new UploadLedger(createStorageClients({ kind: 'connectionString', connectionString }));
  return Promise.all(
    subjects.map((subject) =>
      eventually(
        async () => {
          const [row] = await ledger.listForBlob('wesad-raw', `${subject}/${subject}.pkl`);
          return row?.status === 'ready' ? row : undefined;
        },
        60_000,
        `${subject} to be ingested`,
      ),
    ),
  );
}
