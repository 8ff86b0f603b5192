import { describe, expect, it } from 'vitest';
import { ingestE4Csvs, ingestE4Zip, type CsvUpload } from '../../../src/domain/wesad/ingestE4.js';
import { e4Csvs, e4Zip } from '../../../src/domain/wesad/synthetic/e4Export.js';
import { syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { parseNpy } from './support/npyReader.js';

/** Loose CSV texts as uploads: their size and their bytes in one chunk. */
function uploads(files: Map<string, string>): Map<string, CsvUpload> {
  return new Map(
    [...files].map(([name, text]) => {
      const bytes = Buffer.from(text);
      return [name, { sizeBytes: bytes.length, chunks: [bytes] }];
    }),
  );
}

describe('E4 exports become an unlabelled recording for prediction', () => {
  const subject = syntheticSubject({ subject: 'S3', seconds: 300, seed: 11, sessionStartUnix: 1_500_000_000 });

  it('windows the zip with absolute timestamps and no labels', async () => {
    const processed = await ingestE4Zip([e4Zip(subject)], { sourceName: 'S3_E4_Data.zip' });
    const names = processed.files.map((file) => file.name);
    expect(names).toEqual(['EDA.npy', 'BVP.npy', 'TEMP.npy', 'ACC.npy', 't.npy']);
    const t = parseNpy(processed.files.find((file) => file.name === 't.npy')?.data ?? new Uint8Array());
    const session = 60 + 300 + 30;
    expect(t.values.length).toBe((session - 8) / 2 + 1);
    expect(t.values[0]).toBe(1_500_000_000);
    expect(t.values[1]).toBe(1_500_000_002);
    expect(processed.manifest).toMatchObject({ kind: 'unlabelled', timeBase: 'unix', subject: 'S3' });
    expect(processed.manifest.warnings.join(' ')).toContain('TEMP');
  });

  it('gives loose CSVs the same windows as the zip', async () => {
    const fromZip = await ingestE4Zip([e4Zip(subject)], { sourceName: 'S3_E4_Data.zip' });
    const fromCsvs = await ingestE4Csvs(uploads(e4Csvs(subject)), { sourceName: 'S3_E4_Data' });
    expect(fromCsvs.files.map((file) => file.data)).toEqual(fromZip.files.map((file) => file.data));
  });

  it('aligns streams that started at different times', async () => {
    const csvs = e4Csvs(subject);
    const eda = csvs.get('EDA.csv') ?? '';
    const lines = eda.split('\n');
    // EDA started 10 s earlier: 40 extra samples at 4 Hz before the common start.
    const shifted = ['1499999990.000000', lines[1], ...Array<string>(40).fill('9.999'), ...lines.slice(2)].join('\n');
    const loose = new Map([...csvs].map(([name, text]) => [name, name === 'EDA.csv' ? shifted : text]));
    const aligned = await ingestE4Csvs(uploads(loose), { sourceName: 'S3' });
    const plain = await ingestE4Csvs(uploads(csvs), { sourceName: 'S3' });
    expect(aligned.files.find((f) => f.name === 'EDA.npy')?.data).toEqual(
      plain.files.find((f) => f.name === 'EDA.npy')?.data,
    );
  });

  it('refuses an empty or oversized upload', async () => {
    await expect(ingestE4Zip([new Uint8Array(0)], { sourceName: 'x.zip' })).rejects.toMatchObject({
      code: 'EMPTY_INPUT',
    });
    await expect(ingestE4Zip([e4Zip(subject)], { sourceName: 'x.zip', maxBytes: 1000 })).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
    });
  });
});
