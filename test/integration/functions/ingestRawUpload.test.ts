import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvocationContext } from '@azure/functions';
import { UploadLedger } from '../../../src/domain/datasets/uploadLedger.js';
import { DatasetCatalog } from '../../../src/domain/datasets/datasetCatalog.js';
import { containerOf, testConnectionString, testStorage, uniqueName } from '../../support/testStorage.js';
import { wesadFixtures } from '../../support/projectPaths.js';
import { csvPieces, repeatedLines, streamedZip } from '../../support/zipBombs.js';

// Not wesad-raw: the end-to-end tests run a host that ingests everything uploaded there.
const rawContainer = 'unit-ingest-raw';
const raw = containerOf(rawContainer);

beforeAll(async () => {
  process.env.AzureWebJobsStorage = testConnectionString();
  process.env.AUDIT_HMAC_KEY = 'unit-test-audit-key-long-enough-for-hmac-0001';
  // Signalling continuous training needs the host's durable client binding: the e2e tests cover it.
  process.env.CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT = '';
  await raw.createIfNotExists();
});

async function uploadAndAnnounce(name: string, content: Buffer | string): Promise<Record<string, unknown>> {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  const { etag } = await raw.getBlockBlobClient(name).uploadData(data);
  if (etag === undefined) throw new Error('no etag');
  return blobCreated(name, etag, data.length);
}

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

describe('the ingestion handler', () => {
  it('turns a subject pickle into a window set, and a redelivery changes nothing', async () => {
    const { ingestRawUploadHandler } = await import('../../../functions/ingestRawUpload.js');
    const name = `${uniqueName('upload')}/S90.pkl`;
    const pickle = await readFile(path.join(wesadFixtures, 'S90.pkl'));
    const event = await uploadAndAnnounce(name, pickle);
    await ingestRawUploadHandler(event, context());
    await ingestRawUploadHandler(event, context());

    const rows = await new UploadLedger(testStorage()).listForBlob(rawContainer, name);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ kind: 'subject-pickle', status: 'ready', subject: 'S90', attempts: 1 });
    if (row?.version == null) throw new Error('no version recorded');
    const dataset = await new DatasetCatalog(testStorage()).get('S90', row.version);
    expect(dataset).toMatchObject({ kind: 'labelled', sourceBlob: name, sourceSizeBytes: pickle.length });
    expect(dataset?.windows).toBeGreaterThan(0);
  });

  it('records a refusal with a stable code instead of throwing', async () => {
    const { ingestRawUploadHandler } = await import('../../../functions/ingestRawUpload.js');
    const notPickle = `${uniqueName('bad')}/S5.pkl`;
    await ingestRawUploadHandler(await uploadAndAnnounce(notPickle, 'these bytes are not a pickle'), context());
    const unsupported = `${uniqueName('bad')}/notes.docx`;
    await ingestRawUploadHandler(await uploadAndAnnounce(unsupported, 'x'), context());

    const ledger = new UploadLedger(testStorage());
    expect((await ledger.listForBlob(rawContainer, notPickle))[0]).toMatchObject({
      status: 'failed',
      errorCode: 'NOT_A_PICKLE',
    });
    expect((await ledger.listForBlob(rawContainer, unsupported))[0]).toMatchObject({
      status: 'failed',
      errorCode: 'UNSUPPORTED_FILE',
    });
  });

  it('refuses a pickle whose content names another subject than its name, as a failed row', async () => {
    const { ingestRawUploadHandler } = await import('../../../functions/ingestRawUpload.js');
    // The fixture is S90's recording; uploaded as S77 it would land in S77's place as S90's data.
    const name = `${uniqueName('upload')}/S77/S77.pkl`;
    await ingestRawUploadHandler(
      await uploadAndAnnounce(name, await readFile(path.join(wesadFixtures, 'S90.pkl'))),
      context(),
    );
    const [row] = await new UploadLedger(testStorage()).listForBlob(rawContainer, name);
    expect(row).toMatchObject({ status: 'failed', errorCode: 'SUBJECT_MISMATCH', subject: null, version: null });
    expect(row?.reason).toMatch(/S90.*S77/);
  });

  it('refuses an E4 zip bomb as it streams from the blob, as a failed row naming the limit', async () => {
    const { ingestRawUploadHandler } = await import('../../../functions/ingestRawUpload.js');
    const bomb = streamedZip([
      { name: 'EDA.csv', pieces: csvPieces('1495437325.0\n4.0\n', repeatedLines('0\n', 20_000_000)) },
    ]);
    const name = `${uniqueName('upload')}/S5_E4_Data.zip`;
    await ingestRawUploadHandler(await uploadAndAnnounce(name, bomb), context());
    const [row] = await new UploadLedger(testStorage()).listForBlob(rawContainer, name);
    expect(row).toMatchObject({ status: 'failed', errorCode: 'RECORDING_TOO_LONG' });
    expect(row?.reason).toContain('WESAD_MAX_RECORDING_HOURS');
  });

  it('marks a version overwritten before it was read as superseded', async () => {
    const { ingestRawUploadHandler } = await import('../../../functions/ingestRawUpload.js');
    const name = `${uniqueName('S')}/S9.pkl`;
    const first = await uploadAndAnnounce(name, 'one');
    await raw.getBlockBlobClient(name).uploadData(Buffer.from('two!'));
    await ingestRawUploadHandler(first, context());
    expect((await new UploadLedger(testStorage()).listForBlob(rawContainer, name))[0]).toMatchObject({
      status: 'superseded',
    });
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
