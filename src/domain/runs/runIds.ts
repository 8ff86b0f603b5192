import { randomBytes } from 'node:crypto';

/** Newer runs get smaller ids, so a table partition lists them newest first without sorting. */
const maxMillis = 9_999_999_999_999;

/** `suffix` (8 hex digits) is random unless the caller must derive the id again, as an orchestration does. */
export function newRunId(now: Date, suffix = randomBytes(4).toString('hex')): string {
  if (!/^[0-9a-f]{8}$/.test(suffix)) throw new RangeError(`A run id suffix is 8 hex digits, not "${suffix}".`);
  return `r${String(maxMillis - now.getTime()).padStart(13, '0')}${suffix}`;
}
