import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { e4CsvSignals } from '../domain/datasets/uploadKind.js';

/**
 * The signal CSVs of an unzipped E4 export folder, keyed as ingestion keys the loose CSVs of a
 * blob folder (`EDA.csv`, matched case-insensitively), so both give the same window set. The
 * export's other files (HR.csv, IBI.csv, tags.csv, info.txt) are not read; a missing signal is
 * reported by the E4 reader as it is for an upload.
 */
export async function readE4Folder(directory: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const signal = e4CsvSignals.find((name) => entry.name.toUpperCase() === `${name}.CSV`);
    if (signal !== undefined) files.set(`${signal}.csv`, await readFile(join(directory, entry.name)));
  }
  return files;
}
