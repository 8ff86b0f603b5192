import { describe, expect, it } from 'vitest';
import { UploadLedger, type UploadRecord } from '../../../src/domain/datasets/uploadLedger.js';
import { DatasetCatalog, type DatasetRecord } from '../../../src/domain/datasets/datasetCatalog.js';
import { InvalidContinuationTokenError } from '../../../src/platform/storage/continuationTokens.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';

const upload = (blobName: string, subject: string): UploadRecord => ({
  container: 'wesad-raw',
  blobName,
  etag: '"0x1"',
  kind: 'subject-pickle',
  status: 'ready',
  sizeBytes: 1,
  sha256: null,
  subject,
  version: null,
  errorCode: null,
  reason: null,
  attempts: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const dataset = (subject: string, version: string, createdAt: string): DatasetRecord => ({
  subject,
  version,
  kind: 'labelled',
  format: 'wesad-wrist-v1',
  windows: 1,
  perClass: { '0': 1 },
  durationSeconds: 10,
  contentSha256: 'c'.repeat(64),
  sourceBlob: `${subject}/${subject}.pkl`,
  sourceEtag: null,
  sourceSha256: 's'.repeat(64),
  sourceSizeBytes: 1,
  createdAt,
});

/** Every page of a listing, following the continuation tokens. */
async function allPages<T>(
  page: (token: string | undefined) => Promise<{ items: T[]; continuationToken: string | undefined }>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let token: string | undefined;
  do {
    const result = await page(token);
    pages.push(result.items);
    token = result.continuationToken;
  } while (token !== undefined);
  return pages;
}

describe('listings in natural subject order', () => {
  it('pages uploads S2 before S10, across page boundaries, without repeating a row added meanwhile', async () => {
    const ledger = new UploadLedger(await storageClientsFor('natup'));
    for (const subject of ['S10', 'S2', 'S17', 'S9', 'S11', 'S3']) {
      await ledger.put(upload(`${subject}/${subject}.pkl`, subject));
    }
    const pages = await allPages((token) => ledger.page(4, token, undefined));
    expect(pages.map((items) => items.map((row) => row.subject))).toEqual([
      ['S2', 'S3', 'S9', 'S10'],
      ['S11', 'S17'],
    ]);

    const first = await ledger.page(4, undefined, 'ready');
    await ledger.put(upload('S4/S4.pkl', 'S4'));
    const rest = await ledger.page(4, first.continuationToken, 'ready');
    expect(rest.items.map((row) => row.subject)).toEqual(['S11', 'S17']);
  });

  it('pages window sets by subject in natural order, each subject oldest first', async () => {
    const catalog = new DatasetCatalog(await storageClientsFor('natds'));
    await catalog.add(dataset('S10', 'aaaaaaaaaaaaaaaa', '2026-01-02T00:00:00.000Z'));
    await catalog.add(dataset('S2', 'bbbbbbbbbbbbbbbb', '2026-01-03T00:00:00.000Z'));
    await catalog.add(dataset('S2', 'cccccccccccccccc', '2026-01-01T00:00:00.000Z'));
    await catalog.add(dataset('S9', 'dddddddddddddddd', '2026-01-01T00:00:00.000Z'));
    const pages = await allPages((token) => catalog.page(2, token, {}));
    expect(pages.flat().map((row) => `${row.subject}:${row.version.slice(0, 1)}`)).toEqual([
      'S2:c',
      'S2:b',
      'S9:d',
      'S10:a',
    ]);
    await expect(catalog.page(2, 'not-a-token', {})).rejects.toBeInstanceOf(InvalidContinuationTokenError);
  });
});
