import { beforeAll, describe, expect, it } from 'vitest';
import { ingestUpload } from '../../../src/domain/ingestion/ingestUpload.js';
import { DatasetCatalog } from '../../../src/domain/datasets/datasetCatalog.js';
import type { UploadRecord } from '../../../src/domain/datasets/uploadLedger.js';
import { syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { containerOf, testStorage, uniqueName } from '../../support/testStorage.js';
import { uniqueSubjectId } from '../../support/syntheticUploads.js';
import { realisticE4Export, zipOf } from '../../support/e4Exports.js';

// Not wesad-raw: the end-to-end tests run a host that ingests everything uploaded there.
const containerName = uniqueName('e4uploads');
const container = containerOf(containerName);

beforeAll(async () => {
  await container.createIfNotExists();
});

/** Uploads one blob and ingests it as the BlobCreated event for that version would. */
async function uploadAndIngest(blobName: string, data: Buffer): Promise<UploadRecord> {
  const { etag } = await container.getBlockBlobClient(blobName).uploadData(data);
  if (etag === undefined) throw new Error('no etag');
  const url = `${container.url}/${blobName}`;
  return ingestUpload(
    testStorage(),
    { container: containerName, blobName, etag, contentLength: data.length, url },
    { maxUploadBytes: 64 * 1024 * 1024 },
  );
}

const signalFiles = ['ACC.csv', 'BVP.csv', 'EDA.csv', 'TEMP.csv'];

describe('an E4 export uploaded as a zip or as loose CSVs', () => {
  const subject = uniqueSubjectId();
  const export_ = realisticE4Export(syntheticSubject({ subject, seconds: 240, seed: 31 }), { crlfEda: true });

  it('becomes the same window set both ways, in the S{n}/ and the S{n}/S{n}_E4_Data/ layout', async () => {
    const zipped = await uploadAndIngest(`${subject}/${subject}_E4_Data.zip`, zipOf(export_));
    expect(zipped).toMatchObject({ status: 'ready', subject, kind: 'e4-zip' });
    if (zipped.version === null) throw new Error('no version');

    for (const folder of [`${subject}/`, `${subject}/${subject}_E4_Data/`]) {
      const outcomes: UploadRecord[] = [];
      for (const name of signalFiles)
        outcomes.push(await uploadAndIngest(`${folder}${name}`, export_.get(name) ?? Buffer.alloc(0)));
      expect(outcomes.slice(0, 3).map((row) => row.status)).toEqual(['waiting', 'waiting', 'waiting']);
      expect(outcomes[0]?.reason).toContain('BVP.csv, EDA.csv, TEMP.csv');
      expect(outcomes[3]).toMatchObject({ status: 'ready', subject, kind: 'e4-csv', version: zipped.version });
    }
    const dataset = await new DatasetCatalog(testStorage()).get(subject, zipped.version);
    // Ingestion writes E4 exports as wesad-wrist-v2: the 382 °C start-up (samples 0–5) is 2 s.
    expect(dataset).toMatchObject({ kind: 'unlabelled', subject, format: 'wesad-wrist-v2', excludedSeconds: 2 });
  });

  it('records the side files of the export as ignored, with the reason, even an empty tags.csv', async () => {
    const sideFiles = ['HR.csv', 'IBI.csv', 'tags.csv', 'info.txt'];
    const withEmptyTags = realisticE4Export(syntheticSubject({ subject, seconds: 60, seed: 3 }), { emptyTags: true });
    const rows: UploadRecord[] = [];
    for (const name of sideFiles)
      rows.push(await uploadAndIngest(`${subject}/${name}`, withEmptyTags.get(name) ?? Buffer.alloc(0)));
    expect(rows.map((row) => [row.kind, row.status, row.subject, row.errorCode])).toEqual(
      sideFiles.map(() => ['e4-side-file', 'ignored', subject, null]),
    );
    expect(rows[0]?.reason).toMatch(/^HR\.csv is part of an E4 export but not read: .*BVP/);
    expect(rows[2]?.sizeBytes).toBe(0);
    expect(rows[2]?.reason).toContain('quest.csv');
  });
});
