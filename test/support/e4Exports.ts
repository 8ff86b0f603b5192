import { zipSync } from 'fflate';
import { e4Csvs } from '../../src/wesad/synthetic/e4Export.js';
import type { SyntheticSubject } from '../../src/wesad/synthetic/syntheticSubject.js';

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
