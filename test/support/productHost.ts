import { freePort } from '../../src/devhost/embeddedAzurite.js';
import { UploadLedger, type UploadRecord } from '../../src/datasets/uploadLedger.js';
import { projectRoot, startHostProcess, type HostProcess } from './hostProcess.js';
import { containerOf, testConnectionString, testStorage, uniqueName } from './testStorage.js';
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
      ...environment,
    },
  });
}

/** Uploads a synthetic pickle per subject to wesad-raw and waits until each is ingested. */
export async function uploadSubjects(
  subjects: readonly string[],
  seconds: number,
  seed: number,
): Promise<UploadRecord[]> {
  const raw = containerOf('wesad-raw');
  await raw.createIfNotExists();
  for (const [index, subject] of subjects.entries()) {
    await raw
      .getBlockBlobClient(`${subject}/${subject}.pkl`)
      .uploadData(syntheticPickle(subject, seconds, seed + index));
  }
  const ledger = new UploadLedger(testStorage());
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
