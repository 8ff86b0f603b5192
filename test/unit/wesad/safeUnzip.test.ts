import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readE4Zip } from '../../../src/domain/wesad/e4/e4Recording.js';
import { chunksOf, unzipStream, type UnzipLimits, type ZipEntrySink } from '../../../src/domain/wesad/e4/safeUnzip.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../../src/domain/wesad/uploadLimits.js';
import { lyingSizeZip } from '../../support/zipBombs.js';

const limits: UnzipLimits = {
  zipMaxEntries: 16,
  maxFileBytes: 512 * 1024,
  zipMaxTotalBytes: 1024 * 1024,
  maxCompressedBytes: 64 * 1024 * 1024,
};

/** Extracts into memory what `wanted` accepts, counting every byte handed over. */
async function extract(zip: Uint8Array, wanted: (name: string) => boolean = () => true, bounds = limits) {
  const files = new Map<string, Uint8Array[]>();
  let handedOver = 0;
  const open = (name: string): ZipEntrySink | undefined => {
    if (!wanted(name)) return undefined;
    const parts: Uint8Array[] = [];
    files.set(name, parts);
    return {
      write: (data) => {
        handedOver += data.length;
        parts.push(data.slice());
      },
      end: () => undefined,
    };
  };
  const digest = await unzipStream(chunksOf(zip, 4096), open, bounds);
  return { files, handedOver, digest };
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return (error as { code?: string }).code ?? 'UNTYPED';
  }
  return 'ACCEPTED';
}

describe('zip extraction limits', () => {
  it('extracts the wanted entries of a well-formed zip, streamed, with the digest of the archive', async () => {
    const zip = zipSync({ 'S2_E4_Data/EDA.csv': Buffer.from('a'), 'info.txt': Buffer.from('b') });
    const { files, digest } = await extract(zip, (name) => name.endsWith('.csv'));
    expect([...files.keys()]).toEqual(['S2_E4_Data/EDA.csv']);
    expect(Buffer.concat(files.get('S2_E4_Data/EDA.csv') ?? []).toString()).toBe('a');
    expect(digest.sizeBytes).toBe(zip.length);
  });

  it.each(['../EDA.csv', 'data/../../EDA.csv', '/etc/EDA.csv', 'C:/EDA.csv', 'a\\..\\EDA.csv'])(
    'refuses the entry name %j',
    async (name) => {
      const zip = zipSync({ [name]: Buffer.from('1') });
      expect(await codeOf(extract(zip))).toBe('ZIP_UNSAFE_ENTRY_NAME');
    },
  );

  it('stops a zip bomb at the per-entry budget while it inflates, naming the setting', async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const zip = zipSync({ 'EDA.csv': zeros }, { level: 9 });
    expect(zip.length).toBeLessThan(200 * 1024);
    await expect(extract(zip)).rejects.toMatchObject({
      code: 'ZIP_LIMIT_EXCEEDED',
      limit: { setting: 'WESAD_MAX_FILE_BYTES', value: limits.maxFileBytes },
    });
  });

  it('counts what an entry really inflates to, not what its headers claim', async () => {
    // Both the local header and the central directory say 100 bytes; the entry inflates to 32 MiB.
    const zip = lyingSizeZip('EDA.csv', new Uint8Array(32 * 1024 * 1024), 100);
    let handedOver = 0;
    const open = (): ZipEntrySink => ({ write: (data) => (handedOver += data.length), end: () => undefined });
    await expect(unzipStream(chunksOf(zip), open, limits)).rejects.toMatchObject({ code: 'ZIP_LIMIT_EXCEEDED' });
    expect(handedOver).toBeLessThanOrEqual(limits.maxFileBytes);
  });

  it('never inflates entries nobody reads, so they count against no budget', async () => {
    const zip = zipSync({ 'HR.csv': new Uint8Array(64 * 1024 * 1024), 'EDA.csv': Buffer.from('1') }, { level: 9 });
    const { files, handedOver } = await extract(zip, (name) => name === 'EDA.csv');
    expect([...files.keys()]).toEqual(['EDA.csv']);
    expect(handedOver).toBe(1);
  });

  it('refuses too many entries', async () => {
    const entries = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, Buffer.from('x')]));
    expect(await codeOf(extract(zipSync(entries)))).toBe('ZIP_LIMIT_EXCEEDED');
  });

  it('refuses bytes that are not a zip, and an archive cut inside an entry', async () => {
    expect(await codeOf(extract(Buffer.from('not a zip at all')))).toBe('ZIP_MALFORMED');
    const zip = zipSync({ 'EDA.csv': Buffer.from('0123456789'.repeat(1000)) }, { level: 0 });
    expect(await codeOf(extract(zip.subarray(0, 5000)))).toBe('ZIP_MALFORMED');
  });

  it('refuses an E4 zip without one of the four signals', async () => {
    const zip = zipSync({ 'ACC.csv': Buffer.from('1495437325.0,1495437325.0,1495437325.0\n32,32,32\n1,2,3\n') });
    const e4Limits = { ...DEFAULT_UPLOAD_LIMITS, maxCompressedBytes: 1024 * 1024 };
    expect(await codeOf(readE4Zip([zip], e4Limits))).toBe('E4_MISSING_SIGNAL');
  });
});
