import { WesadInputError } from '../errors.js';

/** Bytes read from the start of S{n}_respiban.txt: the header is a few hundred bytes, the file 0.2 GB. */
export const RESPIBAN_HEADER_BYTES = 64 * 1024;

/** When the chest device (RespiBAN) started recording, from its file's header. */
export interface ChestStart {
  /** Unix seconds (UTC). */
  startUnix: number;
  /** As written: the local date and time of the recording computer, and the zone they were read in. */
  localDate: string;
  localTime: string;
  timeZone: string;
  samplingRateHz: number | null;
}

/**
 * Reads the OpenSignals header of S{n}_respiban.txt: `# OpenSignals Text File Format`, then
 * `# {"<device>": {…, "date": "2017-5-22", "time": "11:6:36.398", "sampling rate": 700, …}}`,
 * then `# EndOfHeader`. OpenSignals writes the recording computer's local clock, so the date and
 * time are read in `timeZone` (WESAD was recorded in Germany: Europe/Berlin by default).
 */
export function parseRespibanHeader(head: string, timeZone: string): ChestStart {
  const line = head
    .split(/\r?\n/, 20)
    .map((text) => text.trim())
    .find((text) => /^#\s*\{/.test(text));
  if (line === undefined) {
    throw new WesadInputError('RESPIBAN_MALFORMED', 'The RespiBAN file has no OpenSignals JSON header line.');
  }
  let header: unknown;
  try {
    header = JSON.parse(line.replace(/^#\s*/, '')) as unknown;
  } catch {
    throw new WesadInputError('RESPIBAN_MALFORMED', 'The RespiBAN header line is not valid JSON.');
  }
  const device: unknown =
    typeof header === 'object' && header !== null ? Object.values(header as Record<string, unknown>)[0] : undefined;
  const fields = typeof device === 'object' && device !== null ? (device as Record<string, unknown>) : {};
  const localDate = fields.date;
  const localTime = fields.time;
  const date = typeof localDate === 'string' ? /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(localDate.trim()) : null;
  const time = typeof localTime === 'string' ? /^(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$/.exec(localTime.trim()) : null;
  if (date === null || time === null || typeof localDate !== 'string' || typeof localTime !== 'string') {
    throw new WesadInputError(
      'RESPIBAN_MALFORMED',
      'The RespiBAN header needs "date" (YYYY-M-D) and "time" (H:M:S.fff) for its device.',
    );
  }
  const [, year, month, day] = date.map(Number);
  const [, hour, minute, second] = time.map(Number);
  const fraction = Number(time[4] ?? '0');
  const parts = [year, month, day, hour, minute, second].map((part) => part ?? NaN);
  const startUnix = zonedToUnix(parts, timeZone) + fraction;
  const rate = fields['sampling rate'];
  return {
    startUnix,
    localDate,
    localTime,
    timeZone,
    samplingRateHz: typeof rate === 'number' && rate > 0 ? rate : null,
  };
}

/**
 * Unix seconds of a wall-clock time in an IANA zone: the time read as UTC, corrected by the zone's
 * offset at that instant, then once more in case the correction crossed a daylight-saving change.
 */
function zonedToUnix([year, month, day, hour, minute, second]: number[], timeZone: string): number {
  const asUtc = Date.UTC(year ?? NaN, (month ?? NaN) - 1, day, hour, minute, second);
  if (!Number.isFinite(asUtc)) throw new WesadInputError('RESPIBAN_MALFORMED', 'The RespiBAN date or time is invalid.');
  let guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  guess = asUtc - zoneOffsetMs(guess, timeZone);
  return guess / 1000;
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const value = (type: string): number =>
    Number(format.formatToParts(new Date(instant)).find((part) => part.type === type)?.value);
  const wall = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}
