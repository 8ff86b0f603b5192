import { randomBytes } from 'node:crypto';

/** Newer runs get smaller ids, so a table partition lists them newest first without sorting. */
const maxMillis = 9_999_999_999_999;

export function newRunId(now: Date): string {
  return `r${String(maxMillis - now.getTime()).padStart(13, '0')}${randomBytes(4).toString('hex')}`;
}

export const runIdPattern = /^r\d{13}[0-9a-f]{8}$/;
