/** What an upload to wesad-raw is, judged by its name as WESAD names its files. */
export type UploadKind =
  | { kind: 'subject-pickle' }
  | { kind: 'e4-zip' }
  | { kind: 'e4-csv'; signal: E4CsvSignal; folder: string }
  | { kind: 'quest' }
  | { kind: 'readme' }
  | { kind: 'unsupported' };

export const e4CsvSignals = ['ACC', 'BVP', 'EDA', 'TEMP'] as const;
export type E4CsvSignal = (typeof e4CsvSignals)[number];

export function uploadKindOf(blobName: string): UploadKind {
  const slash = blobName.lastIndexOf('/');
  const folder = slash === -1 ? '' : blobName.slice(0, slash + 1);
  const file = blobName.slice(slash + 1);
  if (/\.pkl$/i.test(file)) return { kind: 'subject-pickle' };
  if (/\.zip$/i.test(file)) return { kind: 'e4-zip' };
  if (/quest\.csv$/i.test(file)) return { kind: 'quest' };
  if (/readme\.txt$/i.test(file)) return { kind: 'readme' };
  const signal = e4CsvSignals.find((name) => file.toUpperCase() === `${name}.CSV`);
  if (signal !== undefined) return { kind: 'e4-csv', signal, folder };
  return { kind: 'unsupported' };
}
