import { beforeAll, describe, expect, it } from 'vitest';
import { ingestUpload } from '../../../src/domain/ingestion/ingestUpload.js';
import { DatasetCatalog } from '../../../src/domain/datasets/datasetCatalog.js';
import { readWindowSetFile, readWindowSetManifest } from '../../../src/domain/datasets/windowSetStore.js';
import type { UploadRecord } from '../../../src/domain/datasets/uploadLedger.js';
import { readSubjectRecord } from '../../../src/domain/subjects/subjectRecord.js';
import { stateE4Offset } from '../../../src/domain/subjects/statedOffset.js';
import { SubjectRows } from '../../../src/domain/subjects/subjectRows.js';
import { parseQuestTimeline } from '../../../src/domain/wesad/e4/questTimeline.js';
import { questCsv } from '../../../src/domain/wesad/synthetic/e4Export.js';
import { syntheticSubject, type SyntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { protocolLabels } from '../../../src/domain/wesad/synthetic/studyProtocol.js';
import { containerOf, testStorage, uniqueName } from '../../support/testStorage.js';
import { uniqueSubjectId } from '../../support/syntheticUploads.js';
import { pickleCroppedFromExport, realisticE4Export, zipOf } from '../../support/e4Exports.js';
import { parseNpy } from '../../unit/wesad/support/npyReader.js';

// Not wesad-raw: the end-to-end tests run a host that ingests everything uploaded there.
const containerName = uniqueName('e4labels');
const container = containerOf(containerName);

beforeAll(async () => {
  await container.createIfNotExists();
});

async function uploadAndIngest(blobName: string, data: Buffer | string): Promise<UploadRecord> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const { etag } = await container.getBlockBlobClient(blobName).uploadData(bytes);
  if (etag === undefined) throw new Error('no etag');
  return ingestUpload(
    testStorage(),
    { container: containerName, blobName, etag, contentLength: bytes.length, url: `${container.url}/${blobName}` },
    { maxUploadBytes: 64 * 1024 * 1024 },
  );
}

/** A generated session whose synchronised segment starts `leadIn` seconds into the E4 export. */
function session(subject: string, leadIn: number, seed: number): SyntheticSubject {
  return syntheticSubject({ subject, seconds: 900, seed, leadInSeconds: leadIn, tailSeconds: 40 });
}

/**
 * The windows the protocol gives, worked out from the quest file's times alone: every 2 s from
 * the chest start, 8 s long, inside a condition shrunk by 10 s at both ends, stress → 1,
 * baseline and amusement → 0, meditation and reading left out; `end` is where the export ends.
 */
function protocolWindows(quest: string, end: number): { t: number[]; y: number[] } {
  const phases = parseQuestTimeline(quest).phases;
  const t: number[] = [];
  const y: number[] = [];
  for (let t0 = 0; t0 + 8 <= end; t0 += 2) {
    const phase = phases.find((p) => t0 >= p.startSeconds + 10 && t0 + 8 <= p.endSeconds - 10);
    const label = phase?.label;
    if (label === 2 || label === 1 || label === 3) {
      t.push(t0);
      y.push(label === 2 ? 1 : 0);
    }
  }
  return { t, y };
}

async function labelledArrays(subject: string, version: string) {
  const file = async (name: string) => parseNpy(await readWindowSetFile(testStorage(), subject, version, name)).values;
  return { t: await file('t.npy'), y: await file('y.npy'), eda: await file('EDA.npy') };
}

describe('an E4 export labelled from the protocol', () => {
  it('stays unlabelled without an offset, and its records say what is missing', async () => {
    const subject = uniqueSubjectId();
    const generated = session(subject, 95.5, 61);
    await uploadAndIngest(`${subject}/${subject}_quest.csv`, questCsv(generated));
    const zipped = await uploadAndIngest(`${subject}/${subject}_E4_Data.zip`, zipOf(realisticE4Export(generated)));

    const record = await readSubjectRecord(testStorage(), subject);
    expect(record?.protocol?.phases.map((phase) => phase.name)).toEqual(
      parseQuestTimeline(questCsv(generated)).phases.map((phase) => phase.name),
    );
    expect(record?.protocol?.selfReports.map((report) => report.instrument)).toEqual(['PANAS', 'STAI', 'DIM', 'SSSQ']);
    expect(record?.e4.labelling).toMatchObject({ state: 'unlabelled', version: null, exportVersion: zipped.version });
    expect(record?.e4.labelling?.missing).toHaveLength(1);
    expect(record?.e4.labelling?.missing[0]).toMatch(
      /offset .*\.pkl.*_respiban\.txt.*PUT \/api\/subjects\/.*\/e4-offset/,
    );

    if (zipped.version === null) throw new Error('no version');
    const dataset = await new DatasetCatalog(testStorage()).get(subject, zipped.version);
    expect(dataset).toMatchObject({ kind: 'unlabelled', labelling: { state: 'unlabelled', labelledVersion: null } });
    expect(dataset?.labelling?.missing).toEqual(record?.e4.labelling?.missing);
    expect(record?.datasets.map((set) => set.kind)).toEqual(['unlabelled']);
  });

  it('is labelled exactly on the protocol timings once the pickle locates the synchronised segment', async () => {
    const subject = uniqueSubjectId();
    const leadIn = 137.25;
    const generated = session(subject, leadIn, 62);
    const files = realisticE4Export(generated);
    const quest = questCsv(generated);
    const labels = protocolLabels(generated.protocol, generated.seconds, 700);
    await uploadAndIngest(`${subject}/${subject}_E4_Data.zip`, zipOf(files));
    await uploadAndIngest(`${subject}/${subject}_quest.csv`, quest);
    const pickle = pickleCroppedFromExport(files, subject, leadIn, generated.seconds, labels);
    const fromPickle = await uploadAndIngest(`${subject}/${subject}.pkl`, pickle);
    expect(fromPickle).toMatchObject({ status: 'ready', kind: 'subject-pickle' });

    const record = await readSubjectRecord(testStorage(), subject);
    const labelling = record?.e4.labelling;
    expect(labelling).toMatchObject({
      state: 'labelled',
      missing: [],
      offset: { offsetSeconds: leadIn, source: 'pickle' },
    });
    if (labelling?.version == null) throw new Error('not labelled');
    const dataset = await new DatasetCatalog(testStorage()).get(subject, labelling.version);
    expect(dataset).toMatchObject({
      kind: 'labelled',
      format: 'wesad-wrist-v2',
      sourceBlob: `${subject}/${subject}_E4_Data.zip`,
    });

    // The export runs 40 s past the pickle: windows reach its end, on the quest's time base.
    const exportEnd = generated.seconds + 40;
    const expected = protocolWindows(quest, exportEnd);
    const stored = await labelledArrays(subject, labelling.version);
    expect(stored.t).toEqual(expected.t);
    expect(stored.y).toEqual(expected.y);
    expect(expected.y).toContain(1);

    // Each window holds the export's samples at the chest time it claims: de-normalised, its EDA
    // equals the pickle's (the synchronised crop) at that time.
    const manifest = await readWindowSetManifest(testStorage(), subject, labelling.version);
    const { mean, std } = manifest?.normalisation.EDA ?? { mean: NaN, std: NaN };
    const pickleEda = (files.get('EDA.csv')?.toString() ?? '')
      .split('\n')
      .slice(2 + Math.round(leadIn * 4))
      .map(Number);
    for (const [row, t0] of stored.t.entries()) {
      if (t0 + 8 > generated.seconds) continue;
      const window = stored.eda.slice(row * 32, row * 32 + 32).map((z) => z * std + mean);
      window.forEach((value, k) => {
        expect(value).toBeCloseTo(pickleEda[t0 * 4 + k] ?? NaN, 4);
      });
    }
    // Every row kept about the subject is dated, so table retention deletes it in time.
    const rows = await new SubjectRows(testStorage()).all(subject);
    expect([...rows.keys()].sort()).toEqual(
      ['e4-export', 'e4-labelling', 'e4-offset-pickle', 'pickle', 'protocol'].sort(),
    );
    for (const row of rows.values()) expect(typeof row.values.updatedAt).toBe('string');
    const unlabelled = await new DatasetCatalog(testStorage()).get(subject, labelling.exportVersion);
    expect(unlabelled?.labelling).toMatchObject({ state: 'labelled', labelledVersion: labelling.version, missing: [] });
  });

  it('takes the offset from the chest device header, and a stated offset over it', async () => {
    const subject = uniqueSubjectId();
    const leadIn = 70;
    const generated = session(subject, leadIn, 63);
    await uploadAndIngest(`${subject}/${subject}_E4_Data.zip`, zipOf(realisticE4Export(generated)));
    await uploadAndIngest(`${subject}/${subject}_quest.csv`, questCsv(generated));
    // The chest device started 70 s after the E4, by the Berlin wall clock of its computer (CEST, UTC+2).
    const chestUtc = new Date((generated.sessionStartUnix + leadIn) * 1000);
    const local = new Date(chestUtc.getTime() + 2 * 3600_000);
    const header = {
      '00:07:80:3B:46:61': {
        'sampling rate': 700,
        date: `${local.getUTCFullYear()}-${local.getUTCMonth() + 1}-${local.getUTCDate()}`,
        time: `${local.getUTCHours()}:${local.getUTCMinutes()}:${local.getUTCSeconds()}.000`,
        device: 'biosignalsplux',
      },
    };
    const respiban = `# OpenSignals Text File Format\n# ${JSON.stringify(header)}\n# EndOfHeader\n0\t0\t1\n`;
    expect(chestUtc.getUTCMonth()).toBeGreaterThanOrEqual(3); // summer time: the header's zone is UTC+2
    expect(chestUtc.getUTCMonth()).toBeLessThanOrEqual(8);
    const upload = await uploadAndIngest(`${subject}/${subject}_respiban.txt`, respiban);
    expect(upload).toMatchObject({ status: 'ready', kind: 'respiban', subject });

    const viaHeader = await readSubjectRecord(testStorage(), subject);
    expect(viaHeader?.e4.labelling).toMatchObject({
      state: 'labelled',
      offset: { offsetSeconds: leadIn, source: 'respiban' },
    });
    if (viaHeader?.e4.labelling?.version == null) throw new Error('not labelled');
    const expected = protocolWindows(questCsv(generated), generated.seconds + 40);
    expect((await labelledArrays(subject, viaHeader.e4.labelling.version)).t).toEqual(expected.t);

    const { record, labelling } = await stateE4Offset(
      testStorage(),
      subject,
      { offsetSeconds: leadIn + 4, reason: 'clock drift measured on the double tap', actor: 'researcher-1' },
      { format: 'wesad-wrist-v2', maxBytes: 64 * 1024 * 1024, now: () => new Date() },
    );
    expect(labelling).toMatchObject({ state: 'labelled', offset: { offsetSeconds: leadIn + 4, source: 'stated' } });
    expect(record.e4.offsets.stated).toMatchObject({ offsetSeconds: leadIn + 4, actor: 'researcher-1' });
    expect(labelling?.version).not.toBe(viaHeader.e4.labelling.version);
  });

  it('refuses to state an offset for a subject nothing is stored for', async () => {
    await expect(
      stateE4Offset(
        testStorage(),
        uniqueSubjectId(),
        { offsetSeconds: 1, reason: 'x', actor: 'a' },
        { format: 'wesad-wrist-v2', maxBytes: 1, now: () => new Date() },
      ),
    ).rejects.toMatchObject({ kind: 'not-found' });
  });
});
