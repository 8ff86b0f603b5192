import { zipSync } from 'fflate';
import { e4Csvs } from '../../src/domain/wesad/synthetic/e4Export.js';
import { float64Source, int32Source, writeWesadPickle } from '../../src/domain/wesad/synthetic/pickleWriter.js';
import type { SyntheticSubject } from '../../src/domain/wesad/synthetic/syntheticSubject.js';

/** What a real Empatica E4 export does that a clean one does not. */
export interface E4Quirks {
  /** Seconds at the start during which TEMP reads the sensor's start-up values (382.18 °C, then settling). */
  tempStartUpSeconds?: number;
  /** tags.csv of a session in which the button was never pressed: an empty file. */
  emptyTags?: boolean;
  /** Windows line endings in EDA.csv (the reader must not care). */
  crlfEda?: boolean;
}

/**
 * The eight files of an E4 export as bytes, with the quirks of the real WESAD exports: TEMP starts
 * with seconds of 382.18 °C before it settles, HR.csv starts 10 s after the others, IBI.csv has its
 * own header, tags.csv may be empty, and info.txt describes the files.
 */
export function realisticE4Export(subject: SyntheticSubject, quirks: E4Quirks = {}): Map<string, Buffer> {
  const csvs = e4Csvs(subject);
  const files = new Map<string, Buffer>();
  for (const [name, text] of csvs) files.set(name, Buffer.from(text));
  const startUp = quirks.tempStartUpSeconds ?? 3;
  const temp = (csvs.get('TEMP.csv') ?? '').split('\n');
  // Rows 0 and 1 are the header; the spike holds for the first second, then decays towards the skin.
  for (let i = 0; i < startUp * 4 && i + 2 < temp.length; i += 1) {
    const skin = Number(temp[i + 2]);
    temp[i + 2] = (skin + (382.18 - skin) * 0.2 ** Math.max(0, i - 3)).toFixed(2);
  }
  files.set('TEMP.csv', Buffer.from(temp.join('\n')));
  if (quirks.crlfEda === true) files.set('EDA.csv', Buffer.from((csvs.get('EDA.csv') ?? '').replaceAll('\n', '\r\n')));
  if (quirks.emptyTags === true) files.set('tags.csv', Buffer.alloc(0));
  files.set(
    'info.txt',
    Buffer.from(
      'Empatica E4 session export (generated for tests).\n' +
        'Signal files: row 1 the session start as Unix time (UTC), row 2 the rate in Hz, then samples.\n' +
        'ACC.csv: x, y, z in 1/64 g. EDA.csv: microsiemens. TEMP.csv: degrees Celsius. BVP.csv: PPG.\n',
    ),
  );
  return files;
}

/** The same files as `S{n}_E4_Data.zip`, at the archive root as Empatica zips them. */
export function zipOf(files: ReadonlyMap<string, Buffer>): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, data] of files) entries[name] = new Uint8Array(data);
  return Buffer.from(zipSync(entries, { level: 6, mtime: new Date('2017-05-22T07:15:25Z') }));
}

/**
 * A subject pickle made the way WESAD made theirs: the export's own samples (as numpy parses the
 * CSV text) cropped to the synchronised segment that starts `offsetSeconds` into the export and
 * lasts `seconds`, with the protocol's 700 Hz labels.
 */
export function pickleCroppedFromExport(
  files: ReadonlyMap<string, Buffer>,
  subject: string,
  offsetSeconds: number,
  seconds: number,
  labels: Int32Array,
): Buffer {
  const rows = (name: string, rate: number): string[] => {
    const lines = (files.get(name)?.toString('utf8') ?? '').split(/\r?\n/).slice(2);
    const from = Math.round(offsetSeconds * rate);
    return lines.slice(from, from + Math.round(seconds * rate));
  };
  const values = (name: string, rate: number) => Float64Array.from(rows(name, rate).map(Number));
  const acc = Float64Array.from(rows('ACC.csv', 32).flatMap((row) => row.split(',').map(Number)));
  const eda = values('EDA.csv', 4);
  const temp = values('TEMP.csv', 4);
  const bvp = values('BVP.csv', 64);
  return Buffer.concat([
    ...writeWesadPickle({
      signal: {
        wrist: {
          ACC: float64Source(acc, [acc.length / 3, 3]),
          BVP: float64Source(bvp, [bvp.length, 1]),
          EDA: float64Source(eda, [eda.length, 1]),
          TEMP: float64Source(temp, [temp.length, 1]),
        },
      },
      label: int32Source(labels, [labels.length]),
      subject,
    }),
  ]);
}
