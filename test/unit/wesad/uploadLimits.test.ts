import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readE4Csvs, readE4Zip, type E4ReadLimits } from '../../../src/domain/wesad/e4/e4Recording.js';
import { parseE4SignalCsv } from '../../../src/domain/wesad/e4/e4Csv.js';
import { ingestE4Zip } from '../../../src/domain/wesad/ingestE4.js';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { readWesadPickleAtWindowRates } from '../../../src/domain/wesad/pickle/wesadPickleReader.js';
import { resolveSubjectId } from '../../../src/domain/wesad/subjectId.js';
import { e4Csvs } from '../../../src/domain/wesad/synthetic/e4Export.js';
import { syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../../src/domain/wesad/uploadLimits.js';
import { pickleBytes, subjectTree } from './support/handMadePickles.js';
import { chunked } from './support/streams.js';

const limits: E4ReadLimits = { ...DEFAULT_UPLOAD_LIMITS, maxCompressedBytes: 64 * 1024 * 1024 };
const subject = syntheticSubject({ subject: 'S3', seconds: 120, seed: 5, sessionStartUnix: 1_500_000_000 });
const csvs = e4Csvs(subject);

function csvFiles(files: Map<string, string>): Map<string, Uint8Array[]> {
  return new Map([...files].map(([name, text]) => [name, [Buffer.from(text)]]));
}

describe('E4 exports within the limits', () => {
  it('refuses a recording longer than WESAD_MAX_RECORDING_HOURS while it streams', async () => {
    // The session is 60 + 120 + 30 s long; 0.05 h is 180 s.
    const zip = zipSync(Object.fromEntries([...csvs].map(([name, text]) => [name, Buffer.from(text)])));
    await expect(readE4Zip([zip], { ...limits, maxRecordingHours: 0.05 })).rejects.toMatchObject({
      code: 'RECORDING_TOO_LONG',
      limit: { setting: 'WESAD_MAX_RECORDING_HOURS', value: 0.05 },
    });
    await expect(readE4Csvs(csvFiles(csvs), { ...limits, maxRecordingHours: 0.05 })).rejects.toMatchObject({
      code: 'RECORDING_TOO_LONG',
    });
    const accepted = await readE4Zip([zip], { ...limits, maxRecordingHours: 0.06 });
    expect(accepted.recording.wrist.EDA.length).toBe(210 * 4);
  });

  it('refuses a signal at another rate at its second row', async () => {
    const eda = (csvs.get('EDA.csv') ?? '').replace(/^([^\n]*)\n4\.000000\n/, '$1\n8.000000\n');
    await expect(readE4Csvs(csvFiles(new Map([...csvs, ['EDA.csv', eda]])), limits)).rejects.toMatchObject({
      code: 'INCONSISTENT_SIGNALS',
    });
  });

  it('refuses a loose CSV larger than WESAD_MAX_FILE_BYTES as it arrives', async () => {
    await expect(readE4Csvs(csvFiles(csvs), { ...limits, maxFileBytes: 1000 })).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
      limit: { setting: 'WESAD_MAX_FILE_BYTES', value: 1000 },
    });
  });

  it('refuses a line longer than any E4 row without collecting it', () => {
    const reader = () => parseE4SignalCsv(`1495437325.0\n4.0\n${'1'.repeat(5000)}\n`, 'EDA.csv', 1);
    expect(reader).toThrow(expect.objectContaining({ code: 'CSV_NON_NUMERIC' }) as Error);
  });

  it('reads every plain decimal exactly as Number() does', () => {
    const cells = ['-0.00', '23.64', '0.000001', '-132.17', '123456789012345', '1234567890123456', '+7', ' 5 ', '1e3'];
    const text = `1495437325.0\n4.0\n${cells.join('\n')}\n`;
    const values = Array.from(parseE4SignalCsv(text, 'EDA.csv', 1).values);
    expect(values).toEqual(cells.map((cell) => Number(cell)));
    expect(Object.is(values[0], -0)).toBe(true);
  });
});

describe('subject pickles within the limits', () => {
  const pickle = pickleBytes(subjectTree(20));

  it('refuses a pickle that executes more opcodes than WESAD_PICKLE_MAX_OPCODES', async () => {
    await expect(
      readWesadPickleAtWindowRates(chunked(pickle), { limits: { maxRecordingHours: 48, pickleMaxOpcodes: 100 } }),
    ).rejects.toMatchObject({
      code: 'PICKLE_LIMIT_EXCEEDED',
      limit: { setting: 'WESAD_PICKLE_MAX_OPCODES', value: 100 },
    });
    await expect(readWesadPickleAtWindowRates(chunked(pickle))).resolves.toBeDefined();
  });

  it('refuses an array longer than the longest accepted recording from its shape', async () => {
    // 20 s of data; 0.005 h is 18 s.
    await expect(
      readWesadPickleAtWindowRates(chunked(pickle), { limits: { maxRecordingHours: 0.005, pickleMaxOpcodes: 1e6 } }),
    ).rejects.toMatchObject({ code: 'RECORDING_TOO_LONG', limit: { setting: 'WESAD_MAX_RECORDING_HOURS' } });
  });

  it('refuses a LONG4 integer of 100 000 bytes instead of spending quadratic time on it', async () => {
    const long4 = Buffer.concat([Buffer.from([0x80, 2, 0x8b]), Buffer.from([0xa0, 0x86, 0x01, 0x00])]);
    const bytes = Buffer.concat([long4, Buffer.alloc(100_000, 1), Buffer.from('.')]);
    await expect(readWesadPickleAtWindowRates(chunked(bytes))).rejects.toMatchObject({ code: 'MALFORMED_PICKLE' });
  });

  it('takes a payload length as a claim: 2 GiB announced in 20 bytes costs no 2 GiB', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const bytes = Buffer.from([0x80, 2, 0x42, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3]);
    await expect(readWesadPickleAtWindowRates(chunked(bytes))).rejects.toMatchObject({ code: 'TRUNCATED_PICKLE' });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('the subject of an upload', () => {
  it("refuses a file whose content names another subject than its blob's name", () => {
    expect(() => resolveSubjectId(undefined, 'S2', 'S77/S77.pkl')).toThrow(
      expect.objectContaining({ code: 'SUBJECT_MISMATCH' }) as Error,
    );
    expect(() => resolveSubjectId(undefined, 'S2', 'S2/S77.pkl')).toThrow(
      expect.objectContaining({ code: 'SUBJECT_MISMATCH' }) as Error,
    );
    expect(() => resolveSubjectId(undefined, undefined, 'S2/S77_E4_Data.zip')).toThrow(
      expect.objectContaining({ code: 'SUBJECT_MISMATCH' }) as Error,
    );
  });

  it('takes a name and content that agree, a name without a subject, and an explicit choice', () => {
    expect(resolveSubjectId(undefined, 'S2', 'S2/S2.pkl')).toBe('S2');
    expect(resolveSubjectId(undefined, 'S2', 'uploads/recording.pkl')).toBe('S2');
    expect(resolveSubjectId(undefined, undefined, 'S12/S12_E4_Data.zip')).toBe('S12');
    expect(resolveSubjectId('S9', 'S2', 'S77/S77.pkl')).toBe('S9');
  });

  it('refuses a pickle of S70 uploaded as S77/S77.pkl, with a reason naming both', async () => {
    const ingest = ingestSubjectPickle(chunked(pickleBytes(subjectTree(20))), { sourceName: 'S77/S77.pkl' });
    await expect(ingest).rejects.toMatchObject({ code: 'SUBJECT_MISMATCH' });
    await expect(ingest).rejects.toThrow(/S70.*S77/);
  });

  it("refuses an E4 zip whose signal files sit in another subject's folder than its name says", async () => {
    const zip = zipSync(Object.fromEntries([...csvs].map(([name, text]) => [`S2_E4_Data/${name}`, Buffer.from(text)])));
    await expect(ingestE4Zip([zip], { sourceName: 'S77_E4_Data.zip' })).rejects.toMatchObject({
      code: 'SUBJECT_MISMATCH',
    });
    await expect(ingestE4Zip([zip], { sourceName: 'S2_E4_Data.zip' })).resolves.toMatchObject({ subject: 'S2' });
  });
});
