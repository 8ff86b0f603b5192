import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readE4Zip } from '../../../src/domain/wesad/e4/e4Recording.js';
import { safeUnzip } from '../../../src/domain/wesad/e4/safeUnzip.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code ?? 'UNTYPED';
  }
  return 'ACCEPTED';
}

const limits = { maxEntries: 16, maxTotalBytes: 1024 * 1024, maxNameLength: 255 };
const everything = (): boolean => true;

describe('zip extraction limits', () => {
  it('extracts the wanted entries of a well-formed zip', () => {
    const zip = zipSync({ 'S2_E4_Data/EDA.csv': Buffer.from('a'), 'info.txt': Buffer.from('b') });
    const files = safeUnzip(zip, (name) => name.endsWith('.csv'), limits);
    expect([...files.keys()]).toEqual(['S2_E4_Data/EDA.csv']);
    expect(Buffer.from(files.get('S2_E4_Data/EDA.csv') ?? []).toString()).toBe('a');
  });

  it.each(['../EDA.csv', 'data/../../EDA.csv', '/etc/EDA.csv', 'C:/EDA.csv', 'a\\..\\EDA.csv'])(
    'refuses the entry name %j',
    (name) => {
      const zip = zipSync({ [name]: Buffer.from('1') });
      expect(codeOf(() => safeUnzip(zip, everything, limits))).toBe('ZIP_UNSAFE_ENTRY_NAME');
    },
  );

  it('stops a zip bomb at the size limit', () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const zip = zipSync({ 'EDA.csv': zeros }, { level: 9 });
    expect(zip.length).toBeLessThan(200 * 1024);
    expect(codeOf(() => safeUnzip(zip, everything, limits))).toBe('ZIP_LIMIT_EXCEEDED');
  });

  it('refuses too many entries', () => {
    const entries = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, Buffer.from('x')]));
    expect(codeOf(() => safeUnzip(zipSync(entries), everything, limits))).toBe('ZIP_LIMIT_EXCEEDED');
  });

  it('refuses bytes that are not a zip', () => {
    expect(codeOf(() => safeUnzip(Buffer.from('not a zip at all'), everything, limits))).toBe('ZIP_MALFORMED');
  });

  it('refuses an E4 zip without one of the four signals', () => {
    const zip = zipSync({ 'ACC.csv': Buffer.from('1495437325.0,1495437325.0,1495437325.0\n32,32,32\n1,2,3\n') });
    expect(codeOf(() => readE4Zip(zip))).toBe('E4_MISSING_SIGNAL');
  });
});
