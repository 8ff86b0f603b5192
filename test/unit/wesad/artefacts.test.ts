import { describe, expect, it } from 'vitest';
import { ArtefactMask } from '../../../src/domain/wesad/preprocess/artefacts.js';
import { streamStatistics } from '../../../src/domain/wesad/preprocess/normalisation.js';
import { ingestE4Csvs } from '../../../src/domain/wesad/ingestE4.js';
import { e4Csvs } from '../../../src/domain/wesad/synthetic/e4Export.js';
import { syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import type { WristSignals } from '../../../src/domain/wesad/recording.js';
import { parseNpy } from './support/npyReader.js';

/** A clean generated session (no start-up spike), as raw wrist arrays: 600 s. */
function cleanWrist(): { ACC: Float64Array; BVP: Float64Array; EDA: Float64Array; TEMP: Float64Array } {
  const subject = syntheticSubject({ subject: 'S40', seconds: 510, seed: 40, leadInSeconds: 60, tailSeconds: 30 });
  const { ACC, BVP, EDA, TEMP } = subject.session;
  return { ACC: ACC.slice(), BVP: BVP.slice(), EDA: EDA.slice(), TEMP: TEMP.slice() };
}

/**
 * Injects artefacts at known seconds and returns what the rule must find: a 3 s TEMP start-up
 * spike, one negative EDA sample, 2 s of EDA above the ceiling, one saturated ACC row, a 70 s flat
 * ACC run (with an implausible TEMP inside it, counted once) and a 50 s flat run that is too short.
 */
function injectArtefacts(wrist: ReturnType<typeof cleanWrist>) {
  wrist.TEMP.fill(382.18, 0, 12);
  wrist.EDA[4 * 100 + 2] = -0.01;
  wrist.EDA.fill(120, 4 * 150, 4 * 152);
  wrist.ACC[3 * (32 * 200 + 5) + 1] = -128;
  for (let row = 32 * 300; row < 32 * 370; row += 1) wrist.ACC.set([0, 0, 64], 3 * row);
  wrist.TEMP[4 * 301] = 12;
  for (let row = 32 * 400; row < 32 * 450; row += 1) wrist.ACC.set([1, -2, 63], 3 * row);
  return [
    { startSeconds: 0, endSeconds: 3, reasons: ['temp-implausible'] },
    { startSeconds: 100, endSeconds: 101, reasons: ['eda-implausible'] },
    { startSeconds: 150, endSeconds: 152, reasons: ['eda-implausible'] },
    { startSeconds: 200, endSeconds: 201, reasons: ['acc-saturated'] },
    { startSeconds: 300, endSeconds: 370, reasons: ['temp-implausible', 'acc-flat'] },
  ];
}

function csvFiles(wrist: WristSignals, startUnix: number): Map<string, Uint8Array> {
  const header = (rate: number, columns: number) =>
    `${Array<string>(columns).fill(startUnix.toFixed(6)).join(', ')}\n${Array<string>(columns).fill(rate.toFixed(6)).join(', ')}\n`;
  const rows: string[] = [];
  for (let i = 0; i < wrist.ACC.length; i += 3) rows.push(`${wrist.ACC[i]},${wrist.ACC[i + 1]},${wrist.ACC[i + 2]}`);
  const column = (values: Float64Array) => [...values].map((v) => String(v)).join('\n');
  return new Map(
    [
      ['ACC.csv', header(32, 3) + rows.join('\n')],
      ['BVP.csv', header(64, 1) + column(wrist.BVP)],
      ['EDA.csv', header(4, 1) + column(wrist.EDA)],
      ['TEMP.csv', header(4, 1) + column(wrist.TEMP)],
    ].map(([name, text]) => [name ?? '', new Uint8Array(Buffer.from(text ?? ''))]),
  );
}

describe('wesad-wrist-v2 artefact rule', () => {
  it('finds nothing in a clean generated session', () => {
    expect(ArtefactMask.of(cleanWrist()).report()).toMatchObject({ excludedSeconds: 0, segments: [] });
  });

  it('excludes exactly the seconds that were injected, each second once whatever its reasons', () => {
    const wrist = cleanWrist();
    const injected = injectArtefacts(wrist);
    const report = ArtefactMask.of(wrist).report();
    expect(report.segments).toEqual(injected);
    expect(report.excludedSeconds).toBe(3 + 1 + 2 + 1 + 70);
  });

  it('keeps the excluded seconds out of the statistics and of every window of an E4 export', async () => {
    const wrist = cleanWrist();
    injectArtefacts(wrist);
    const files = csvFiles(wrist, 1_500_000_000);
    const v2 = await ingestE4Csvs(files, { sourceName: 'S40', parameters: { format: 'wesad-wrist-v2' } });
    const v1 = await ingestE4Csvs(files, { sourceName: 'S40' });
    expect(v2.manifest.artefacts?.excludedSeconds).toBe(77);
    expect(v2.manifest.format).toBe('wesad-wrist-v2');
    expect(v1.manifest.artefacts).toBeUndefined();

    // TEMP's statistics are those of its samples outside the excluded seconds, and unlike v1's
    // they are not stretched by the 382 °C start-up readings.
    const excluded = new Set<number>();
    for (const { startSeconds, endSeconds } of v2.manifest.artefacts?.segments ?? []) {
      for (let s = startSeconds; s < endSeconds; s += 1) excluded.add(s);
    }
    const cleanTemp = wrist.TEMP.filter((_v, i) => !excluded.has(Math.floor(i / 4)));
    expect(v2.manifest.normalisation.TEMP).toEqual(streamStatistics(cleanTemp));
    expect(v2.manifest.normalisation.TEMP?.std).toBeLessThan(2);
    expect(v1.manifest.normalisation.TEMP?.std).toBeGreaterThan(10);

    // No window overlaps an excluded second; every clean one is there.
    const t = parseNpy(v2.files.find((file) => file.name === 't.npy')?.data ?? new Uint8Array()).values;
    const starts = Array.from(t, (unix) => unix - 1_500_000_000);
    const expected: number[] = [];
    for (let t0 = 0; t0 + 8 <= 600; t0 += 2) {
      if (![...Array(8).keys()].some((k) => excluded.has(t0 + k))) expected.push(t0);
    }
    expect(starts).toEqual(expected);
    const temp = parseNpy(v2.files.find((file) => file.name === 'TEMP.npy')?.data ?? new Uint8Array()).values;
    expect(Math.max(...Array.from(temp, Math.abs))).toBeLessThan(6);
  });

  it('refuses a recording with no clean second', async () => {
    const wrist = cleanWrist();
    wrist.TEMP.fill(382.18);
    await expect(
      ingestE4Csvs(csvFiles(wrist, 1_500_000_000), { sourceName: 'S40', parameters: { format: 'wesad-wrist-v2' } }),
    ).rejects.toThrow(expect.objectContaining({ code: 'NO_CLEAN_SIGNAL' }) as Error);
  });
});

describe('the realistic start-up of an E4 export under v1 and v2', () => {
  it('v2 keeps the first window of a 382 °C start-up in range; v1 does not', async () => {
    const subject = syntheticSubject({ subject: 'S41', seconds: 300, seed: 41 });
    const files = new Map([...e4Csvs(subject)].map(([name, text]) => [name, new Uint8Array(Buffer.from(text))]));
    const first = async (format: 'wesad-wrist-v1' | 'wesad-wrist-v2') => {
      const set = await ingestE4Csvs(files, { sourceName: 'S41', parameters: { format } });
      const temp = parseNpy(set.files.find((file) => file.name === 'TEMP.npy')?.data ?? new Uint8Array()).values;
      return Math.max(...temp.slice(0, 32).map(Math.abs));
    };
    expect(await first('wesad-wrist-v1')).toBeGreaterThan(20);
    expect(await first('wesad-wrist-v2')).toBeLessThan(6);
  });
});
