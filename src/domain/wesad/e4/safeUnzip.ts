import { createHash } from 'node:crypto';
import {
  Unzip,
  UnzipInflate,
  UnzipPassThrough,
  type AsyncFlateStreamHandler,
  type UnzipDecoder,
  type UnzipFile,
} from 'fflate';
import { isWesadInputError, WesadInputError, WesadLimitError } from '../errors.js';
import type { ByteChunks } from '../pickle/byteSource.js';
import { TimeSlicer } from '../timeSlicer.js';
import { MAX_UPLOAD_BYTES_SETTING, UPLOAD_LIMIT_SETTINGS, type UploadLimits } from '../uploadLimits.js';

/** The bounds an archive is read within (see uploadLimits.ts), plus its compressed size. */
export interface UnzipLimits extends Pick<UploadLimits, 'zipMaxEntries' | 'maxFileBytes' | 'zipMaxTotalBytes'> {
  /** Compressed bytes of the archive itself. */
  maxCompressedBytes: number;
}

/** Takes one entry's bytes as they inflate; whatever it throws (bad content) stops the extraction. */
export interface ZipEntrySink {
  write(data: Uint8Array): void;
  end(): void;
}

export interface ZipDigest {
  sizeBytes: number;
  sha256: string;
}

const MAX_NAME_LENGTH = 255;

/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most ~1032:1, so no step
 * produces more than ~1 MiB before the byte budgets are checked again and the event loop may run.
 */
const PUSH_BYTES = 256;

/**
 * Streams a zip archive entry by entry: each entry `open` wants is inflated against a per-entry and
 * a total byte budget counted WHILE it inflates (so a bomb stops within a MiB of its budget,
 * whatever its headers claim) and handed over piece by piece; the others are never inflated; an
 * unsafe name anywhere refuses the archive. The archive is never held whole, and the work yields to
 * the event loop every few milliseconds.
 */
export async function unzipStream(
  chunks: ByteChunks,
  open: (name: string) => ZipEntrySink | undefined,
  limits: UnzipLimits,
): Promise<ZipDigest> {
  const hash = createHash('sha256');
  const slicer = new TimeSlicer();
  const unfinished = new Set<ZipEntrySink>();
  const active: UnzipFile[] = [];
  let received = 0;
  let head: Uint8Array = new Uint8Array(0);
  let entries = 0;
  let total = 0;
  let failure: WesadInputError | undefined;
  let decodedText = false;
  const fail = (error: unknown): void => {
    failure ??= isWesadInputError(error)
      ? error
      : new WesadInputError('ZIP_MALFORMED', `The zip archive is damaged: ${String(error)}`);
  };

  // fflate builds an entry's decoder inside file.start(); this tells it whether the entry is read.
  let nextEntryIsRead = true;
  class SelectiveInflate implements UnzipDecoder {
    static readonly compression = 8;
    ondata: AsyncFlateStreamHandler = () => undefined;
    readonly #inflate: UnzipInflate | undefined;

    constructor() {
      if (!nextEntryIsRead) return;
      this.#inflate = new UnzipInflate();
      this.#inflate.ondata = (error, data, final) => {
        this.ondata(error, data, final);
      };
    }

    push(chunk: Uint8Array, final: boolean): void {
      if (this.#inflate !== undefined) this.#inflate.push(chunk, final);
      // An entry nobody reads is never inflated: its compressed bytes go by and are dropped.
      else if (final) this.ondata(null, new Uint8Array(0), true);
    }
  }

  const unzip = new Unzip((file) => {
    if (failure !== undefined) return;
    try {
      entries += 1;
      checkEntry(file.name, entries, limits);
      if (file.name.endsWith('/')) return;
      const sink = open(file.name);
      if (sink === undefined) {
        file.ondata = (error) => {
          if (error !== null)
            fail(new WesadInputError('ZIP_MALFORMED', `Entry ${file.name} is damaged: ${error.message}`));
        };
        nextEntryIsRead = false;
        file.start();
        return;
      }
      if (file.originalSize !== undefined && file.originalSize > limits.maxFileBytes) {
        throw entryTooLarge(file.name, limits);
      }
      unfinished.add(sink);
      let inflated = 0;
      file.ondata = (error, data, final) => {
        if (failure !== undefined) return;
        try {
          if (error !== null) {
            throw new WesadInputError('ZIP_MALFORMED', `Entry ${file.name} cannot be decompressed: ${error.message}`);
          }
          inflated += data.length;
          total += data.length;
          if (inflated > limits.maxFileBytes) throw entryTooLarge(file.name, limits);
          if (total > limits.zipMaxTotalBytes) throw totalTooLarge(limits);
          sink.write(data);
          if (final) {
            unfinished.delete(sink);
            sink.end();
          }
        } catch (caught: unknown) {
          fail(caught);
        }
      };
      active.push(file);
      nextEntryIsRead = true;
      file.start();
    } catch (caught: unknown) {
      fail(caught);
    }
  });
  unzip.register(SelectiveInflate);
  unzip.register(UnzipPassThrough);

  try {
    for await (const chunk of chunks) {
      if (typeof chunk === 'string') {
        decodedText = true;
        break;
      }
      received += chunk.length;
      if (received > limits.maxCompressedBytes) {
        throw new WesadLimitError(
          'INPUT_TOO_LARGE',
          `The upload is larger than the configured limit of ${limits.maxCompressedBytes} bytes.`,
          { setting: MAX_UPLOAD_BYTES_SETTING, value: limits.maxCompressedBytes },
        );
      }
      hash.update(chunk);
      if (head.length < 2 && chunk.length > 0) head = checkMagic(head, chunk);
      for (let offset = 0; offset < chunk.length && failure === undefined; offset += PUSH_BYTES) {
        unzip.push(chunk.subarray(offset, offset + PUSH_BYTES), false);
        await slicer.pause();
      }
      if (failure !== undefined) break;
    }
    if (received === 0 && !decodedText) throw new WesadInputError('EMPTY_INPUT', 'The upload is empty (0 bytes).');
    if (failure === undefined && !decodedText) {
      if (head.length < 2) throw notAZip();
      unzip.push(new Uint8Array(0), true);
    }
  } catch (caught: unknown) {
    fail(caught);
  }
  if (decodedText) throw new TypeError('The zip stream yields text; read it as bytes (no setEncoding).');
  if (failure !== undefined) {
    for (const file of active) file.terminate();
    throw failure;
  }
  if (unfinished.size > 0) throw new WesadInputError('ZIP_MALFORMED', 'The zip archive ends inside an entry.');
  return { sizeBytes: received, sha256: hash.digest('hex') };
}

/** An archive already in memory, in pieces (the stream it came from is gone). */
export function chunksOf(bytes: Uint8Array, size = 64 * 1024): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) pieces.push(bytes.subarray(offset, offset + size));
  return pieces;
}

function checkMagic(head: Uint8Array, chunk: Uint8Array): Uint8Array {
  const joined = Buffer.concat([head, chunk.subarray(0, 2 - head.length)]);
  if (joined[0] !== 0x50 || (joined.length > 1 && joined[1] !== 0x4b)) throw notAZip();
  return joined;
}

function notAZip(): WesadInputError {
  return new WesadInputError('ZIP_MALFORMED', 'The upload is not a zip archive.');
}

function checkEntry(name: string, entries: number, limits: UnzipLimits): void {
  if (entries > limits.zipMaxEntries) {
    throw new WesadLimitError('ZIP_LIMIT_EXCEEDED', `The zip holds more than ${limits.zipMaxEntries} entries.`, {
      setting: UPLOAD_LIMIT_SETTINGS.zipMaxEntries,
      value: limits.zipMaxEntries,
    });
  }
  const unsafe =
    name.length === 0 ||
    name.length > MAX_NAME_LENGTH ||
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[A-Za-z]:/.test(name) ||
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    /[\u0000-\u001f]/.test(name) ||
    name.split('/').some((segment) => segment === '..');
  if (unsafe) {
    throw new WesadInputError(
      'ZIP_UNSAFE_ENTRY_NAME',
      `The zip holds an unsafe entry name '${name.slice(0, 80)}' (absolute, parent-relative or odd characters).`,
    );
  }
}

function entryTooLarge(name: string, limits: UnzipLimits): WesadLimitError {
  return new WesadLimitError(
    'ZIP_LIMIT_EXCEEDED',
    `Entry ${name.slice(0, 80)} expands to more than ${limits.maxFileBytes} bytes; extraction was stopped.`,
    { setting: UPLOAD_LIMIT_SETTINGS.maxFileBytes, value: limits.maxFileBytes },
  );
}

function totalTooLarge(limits: UnzipLimits): WesadLimitError {
  return new WesadLimitError(
    'ZIP_LIMIT_EXCEEDED',
    `The zip expands to more than ${limits.zipMaxTotalBytes} bytes; extraction was stopped.`,
    { setting: UPLOAD_LIMIT_SETTINGS.zipMaxTotalBytes, value: limits.zipMaxTotalBytes },
  );
}
