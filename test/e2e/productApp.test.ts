import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { freePort } from '../../src/devhost/embeddedAzurite.js';
import { listRawUploads } from '../../src/uploads/rawUploadLedger.js';
import { projectRoot, startHostProcess, type HostProcess } from '../support/hostProcess.js';
import { containerOf, testConnectionString, testStorage, uniqueName } from '../support/testStorage.js';
import { eventually } from '../support/eventually.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startHostProcess({
    appRoot: projectRoot,
    port: await freePort(),
    environment: {
      AzureWebJobsStorage: testConnectionString(),
      AzureFunctionsWebHost__hostid: uniqueName('product-'),
      DEVHOST_BLOB_POLL_MS: '250',
    },
  });
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

describe('the product app on the local host', () => {
  it('reports its health, naming the host and the storage services', async () => {
    const response = await fetch(`${host.origin}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      app: 'wesad-mlops',
      host: 'local-devhost',
      storage: { blob: { status: 'ok' }, queue: { status: 'ok' }, table: { status: 'ok' } },
    });
  });

  it('records an upload to wesad-raw with its size, ETag and sha256', async () => {
    const raw = containerOf('wesad-raw');
    await raw.createIfNotExists();
    const name = `${uniqueName('S')}/recording.pkl`;
    const content = Buffer.from('not yet a pickle, but bytes all the same');
    const uploaded = await raw.getBlockBlobClient(name).upload(content, content.length);

    const rows = await eventually(
      async () => {
        const found = await listRawUploads(testStorage(), 'wesad-raw', name);
        return found.length > 0 ? found : undefined;
      },
      15_000,
      'the upload row',
    );
    expect(rows).toEqual([
      expect.objectContaining({
        blobName: name,
        sizeBytes: content.length,
        etag: uploaded.etag,
        sha256: createHash('sha256').update(content).digest('hex'),
      }),
    ]);
    // The row is written inside the invocation; the host logs completion just after.
    await eventually(
      () =>
        Promise.resolve(host.output().includes(`Executed ingestRawUpload for wesad-raw/${name}`) ? true : undefined),
      5000,
      'the completion log',
    );
    expect(host.output()).toContain(`Executed ingestRawUpload for wesad-raw/${name} (attempt 1)`);
  });
});
