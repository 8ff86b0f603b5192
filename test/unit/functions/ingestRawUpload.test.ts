import { beforeAll, describe, expect, it } from 'vitest';
import { InvocationContext } from '@azure/functions';
import { listRawUploads } from '../../../src/uploads/rawUploadLedger.js';
import { containerOf, testConnectionString, testStorage, uniqueName } from '../../support/testStorage.js';

// Not wesad-raw: the end-to-end tests run a host that ingests everything uploaded there.
const rawContainer = 'unit-ingest-raw';
const raw = containerOf(rawContainer);

beforeAll(async () => {
  process.env.AzureWebJobsStorage = testConnectionString();
  await raw.createIfNotExists();
});

function blobCreated(blobName: string, etag: string, contentLength: number): Record<string, unknown> {
  return {
    id: 'e1',
    subject: `/blobServices/default/containers/${rawContainer}/blobs/${blobName}`,
    eventType: 'Microsoft.Storage.BlobCreated',
    eventTime: new Date().toISOString(),
    data: { eTag: etag, contentLength, url: `${raw.url}/${blobName}` },
  };
}

const context = (): InvocationContext => new InvocationContext({ functionName: 'ingestRawUpload' });

describe('the raw upload handler', () => {
  it('streams the announced version, records size, ETag and sha256, and a redelivery leaves one row', async () => {
    const { ingestRawUploadHandler } = await import('../../../functions/ingestRawUpload.js');
    const name = `${uniqueName('S')}/S.pkl`;
    const { etag } = await raw.getBlockBlobClient(name).upload('abc', 3);
    if (etag === undefined) throw new Error('no etag');
    await ingestRawUploadHandler(blobCreated(name, etag, 3), context());
    await ingestRawUploadHandler(blobCreated(name, etag, 3), context());
    const rows = await listRawUploads(testStorage(), rawContainer, name);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      etag,
      sizeBytes: 3,
      // sha256("abc"), the FIPS 180-2 test vector
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });

  it('skips a version that was overwritten before it was read', async () => {
    const { ingestRawUploadHandler } = await import('../../../functions/ingestRawUpload.js');
    const name = `${uniqueName('S')}/S.pkl`;
    const { etag: first } = await raw.getBlockBlobClient(name).upload('one', 3);
    await raw.getBlockBlobClient(name).upload('two!', 4);
    if (first === undefined) throw new Error('no etag');
    await ingestRawUploadHandler(blobCreated(name, first, 3), context());
    expect(await listRawUploads(testStorage(), rawContainer, name)).toHaveLength(0);
  });

  it('refuses an event that is not a well-formed BlobCreated', async () => {
    const { ingestRawUploadHandler } = await import('../../../functions/ingestRawUpload.js');
    await expect(ingestRawUploadHandler({ eventType: 'Microsoft.Storage.BlobDeleted' }, context())).rejects.toThrow(
      /Not a BlobCreated event/,
    );
    const badSubject = { ...blobCreated('x', '"0x1"', 1), subject: '/elsewhere' };
    await expect(ingestRawUploadHandler(badSubject, context())).rejects.toThrow(/names no container/);
  });
});
