import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../platform/canonicalJson.js';

export interface NamedBuffer {
  name: string;
  data: Buffer;
}

/** Hex characters of the sha256 used as the version (64 bits: ample for a subject's handful of versions). */
export const VERSION_LENGTH = 16;

/**
 * The version of a window set: sha256 over a canonical description, so the same upload processed
 * with the same parameters always yields the same version. Canonical order:
 * "wesad-window-set\n", canonical JSON of { parameters, subject } with sorted keys, "\n", then for
 * each file in the order given (signals in parameter order, then y.npy, t.npy):
 * "<name>\n<byte length>\n" followed by the file's bytes.
 */
export function contentVersion(
  description: Record<string, unknown>,
  files: readonly NamedBuffer[],
): {
  version: string;
  sha256: string;
} {
  const hash = createHash('sha256');
  hash.update('wesad-window-set\n');
  hash.update(canonicalJson(description));
  hash.update('\n');
  for (const file of files) {
    hash.update(`${file.name}\n${file.data.length}\n`);
    hash.update(file.data);
  }
  const sha256 = hash.digest('hex');
  return { version: sha256.slice(0, VERSION_LENGTH), sha256 };
}
