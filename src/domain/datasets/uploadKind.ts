/** What an upload to wesad-raw is, judged by its name as WESAD names its files. */
export type UploadKind =
  | { kind: 'subject-pickle' }
  | { kind: 'e4-zip' }
  | { kind: 'e4-csv'; signal: E4CsvSignal; folder: string }
  | { kind: 'quest' }
  | { kind: 'readme' }
  | { kind: 'respiban' }
  | { kind: 'e4-side-file'; file: E4SideFile; folder: string }
  | { kind: 'unsupported' };

export const e4CsvSignals = ['ACC', 'BVP', 'EDA', 'TEMP'] as const;
export type E4CsvSignal = (typeof e4CsvSignals)[number];

/**
 * The files of an E4 export besides the four signals, and why they are not read: recorded as
 * `ignored`, not as failures, since every real export carries them.
 */
export const e4SideFiles = {
  'HR.csv': 'average heart rate the E4 derives from BVP; windows are cut from BVP itself',
  'IBI.csv': 'inter-beat intervals the E4 derives from BVP; windows are cut from BVP itself',
  'tags.csv': "event-marker button presses; the protocol's timings come from S{n}_quest.csv",
  'info.txt': "Empatica's description of the export's file format",
} as const;
export type E4SideFile = keyof typeof e4SideFiles;

export function uploadKindOf(blobName: string): UploadKind {
  const slash = blobName.lastIndexOf('/');
  const folder = slash === -1 ? '' : blobName.slice(0, slash + 1);
  const file = blobName.slice(slash + 1);
  if (/\.pkl$/i.test(file)) return { kind: 'subject-pickle' };
  if (/\.zip$/i.test(file)) return { kind: 'e4-zip' };
  if (/quest\.csv$/i.test(file)) return { kind: 'quest' };
  if (/readme\.txt$/i.test(file)) return { kind: 'readme' };
  if (/respiban\.txt$/i.test(file)) return { kind: 'respiban' };
  const signal = e4CsvSignals.find((name) => file.toUpperCase() === `${name}.CSV`);
  if (signal !== undefined) return { kind: 'e4-csv', signal, folder };
  const side = (Object.keys(e4SideFiles) as E4SideFile[]).find((name) => file.toUpperCase() === name.toUpperCase());
  if (side !== undefined) return { kind: 'e4-side-file', file: side, folder };
  return { kind: 'unsupported' };
}
