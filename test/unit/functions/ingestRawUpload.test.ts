import { beforeAll, describe, expect, it } from 'vitest';
import { InvocationContext } from '@azure/functions';
import { listRawUploads } from '../../../src/uploads/rawUploadLedger.js';
import { testConnectionString, testStorage, uniqueName } from '../../support/testStorage.js';

beforeAll(() => {
  process.env.AzureWebJobsStorage = testConnectionString();
});

function blobContext(name: string, etag: string): InvocationContext {
  return new InvocationContext({
    functionName: 'ingestRawUpload',
    triggerMetadata: { name, properties: { eTag: etag } },
  });
}

describe('the raw upload handler', () => {
  it('records size, ETag and sha256, and a redelivery leaves one row', async () => {
    const { ingestRawUploadHandler } = await import('../../../functions/ingestRawUpload.js');
    const name = `${uniqueName('S')}/S.pkl`;
    const content = Buffer.from('abc');
    await ingestRawUploadHandler(content, blobContext(name, '"0x1"'));
    await ingestRawUploadHandler(content, blobContext(name, '"0x1"'));
    const rows = await listRawUploads(testStorage(), 'wesad-raw', name);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      etag: '"0x1"',
      sizeBytes: 3,
      // sha256("abc"), the FIPS 180-2 test vector
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });

  it('refuses a trigger without an ETag rather than recording a row without one', async () => {
    const { ingestRawUploadHandler } = await import('../../../functions/ingestRawUpload.js');
    const context = new InvocationContext({ functionName: 'ingestRawUpload', triggerMetadata: { name: 'x' } });
    await expect(ingestRawUploadHandler(Buffer.from('x'), context)).rejects.toThrow(/no ETag/);
  });
});
