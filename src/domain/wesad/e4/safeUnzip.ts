import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';
import { WesadInputError } from '../errors.js';

export interface UnzipLimits {
  maxEntries: number;
  /** Uncompressed bytes summed over the extracted entries. */
  maxTotalBytes: number;
  maxNameLength: number;
}

/** An E4 export holds 8 small files; a session's CSVs are tens of MB. */
export const DEFAULT_UNZIP_LIMITS: Readonly<UnzipLimits> = {
  maxEntries: 64,
  maxTotalBytes: 512 * 1024 * 1024,
  maxNameLength: 255,
};

/**
 * Compressed bytes handed to the inflater at a time: deflate expands at most ~1032:1, so one step
 * produces at most ~16 MiB before the size limit is checked again.
 */
const PUSH_BYTES = 16 * 1024;

/**
 * Extracts the entries `wanted` accepts, refusing unsafe names anywhere in the archive and stopping
 * as soon as the entry count or the uncompressed size passes its limit (so a zip bomb never expands).
 */
export function safeUnzip(
  zip: Uint8Array,
  wanted: (name: string) => boolean,
  limits: UnzipLimits = DEFAULT_UNZIP_LIMITS,
): Map<string, Uint8Array> {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) {
    throw new WesadInputError('ZIP_MALFORMED', 'The upload is not a zip archive.');
  }
  const files = new Map<string, Uint8Array>();
  const parts = new Map<string, Uint8Array[]>();
  let entries = 0;
  let total = 0;
  let failure: WesadInputError | undefined;
  const active: UnzipFile[] = [];

  const unzip = new Unzip((file) => {
    if (failure !== undefined) return;
    entries += 1;
    failure = checkEntry(file.name, entries, limits);
    if (failure !== undefined || file.name.endsWith('/') || !wanted(file.name)) return;
    if (file.originalSize !== undefined && total + file.originalSize > limits.maxTotalBytes) {
      failure = tooLarge(limits);
      return;
    }
    const chunks: Uint8Array[] = [];
    parts.set(file.name, chunks);
    file.ondata = (error, data, final) => {
      if (failure !== undefined) return;
      if (error !== null) {
        failure = new WesadInputError('ZIP_MALFORMED', `Entry ${file.name} cannot be decompressed: ${error.message}`);
        return;
      }
      total += data.length;
      if (total > limits.maxTotalBytes) {
        failure = tooLarge(limits);
        return;
      }
      chunks.push(data);
      if (final) files.set(file.name, concat(chunks));
    };
    active.push(file);
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let offset = 0; offset < zip.length && failure === undefined; offset += PUSH_BYTES) {
      const end = Math.min(offset + PUSH_BYTES, zip.length);
      unzip.push(zip.subarray(offset, end), end === zip.length);
    }
  } catch (error) {
    if (error instanceof WesadInputError) throw error;
    throw new WesadInputError('ZIP_MALFORMED', `The zip archive is damaged: ${String(error)}`);
  }
  if (failure !== undefined) {
    for (const file of active) file.terminate();
    throw failure;
  }
  for (const name of parts.keys()) {
    if (!files.has(name)) throw new WesadInputError('ZIP_MALFORMED', `Entry ${name} is incomplete.`);
  }
  return files;
}

function checkEntry(name: string, entries: number, limits: UnzipLimits): WesadInputError | undefined {
  if (entries > limits.maxEntries) {
    return new WesadInputError('ZIP_LIMIT_EXCEEDED', `The zip holds more than ${limits.maxEntries} entries.`);
  }
  const unsafe =
    name.length === 0 ||
    name.length > limits.maxNameLength ||
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[A-Za-z]:/.test(name) ||
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    /[\u0000-\u001f]/.test(name) ||
    name.split('/').some((segment) => segment === '..');
  if (unsafe) {
    return new WesadInputError(
      'ZIP_UNSAFE_ENTRY_NAME',
      `The zip holds an unsafe entry name '${name.slice(0, 80)}' (absolute, parent-relative or odd characters).`,
    );
  }
  return undefined;
}

function tooLarge(limits: UnzipLimits): WesadInputError {
  return new WesadInputError(
    'ZIP_LIMIT_EXCEEDED',
    `The zip expands to more than ${limits.maxTotalBytes} bytes; extraction was stopped.`,
  );
}

function concat(chunks: Uint8Array[]): Uint8Array {
  return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks);
}
