/**
 * NCRONTAB schedules as Azure Functions timer triggers take them: six fields
 * `{second} {minute} {hour} {day} {month} {day-of-week}`, each `*`, a number, a range `a-b`, a
 * list `a,b` or a step `*\/n` / `a-b/n`. Times are UTC, as on the Functions host by default.
 */
export class NcrontabSchedule {
  readonly #fields: Set<number>[];

  constructor(readonly expression: string) {
    const parts = expression.trim().split(/\s+/);
    if (parts.length !== 6)
      throw new Error(`Schedule "${expression}" must have six fields: second minute hour day month day-of-week.`);
    const ranges: [number, number][] = [
      [0, 59],
      [0, 59],
      [0, 23],
      [1, 31],
      [1, 12],
      [0, 6],
    ];
    this.#fields = parts.map((part, index) => parseField(part, ranges[index] ?? [0, 0], expression));
  }

  /** The first occurrence strictly after `after`. */
  next(after: Date): Date {
    const [seconds, minutes, hours, days, months, weekdays] = this.#fields as [
      Set<number>,
      Set<number>,
      Set<number>,
      Set<number>,
      Set<number>,
      Set<number>,
    ];
    const time = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
    const limit = after.getTime() + 5 * 366 * 24 * 3600 * 1000;
    while (time.getTime() <= limit) {
      if (!months.has(time.getUTCMonth() + 1)) {
        time.setUTCMonth(time.getUTCMonth() + 1, 1);
        time.setUTCHours(0, 0, 0);
      } else if (!days.has(time.getUTCDate()) || !weekdays.has(time.getUTCDay())) {
        time.setUTCDate(time.getUTCDate() + 1);
        time.setUTCHours(0, 0, 0);
      } else if (!hours.has(time.getUTCHours())) {
        time.setUTCHours(time.getUTCHours() + 1, 0, 0);
      } else if (!minutes.has(time.getUTCMinutes())) {
        time.setUTCMinutes(time.getUTCMinutes() + 1, 0);
      } else if (!seconds.has(time.getUTCSeconds())) {
        time.setUTCSeconds(time.getUTCSeconds() + 1);
      } else {
        return time;
      }
    }
    throw new Error(`Schedule "${this.expression}" never fires.`);
  }
}

function parseField(part: string, [low, high]: [number, number], expression: string): Set<number> {
  const values = new Set<number>();
  for (const item of part.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (match === null) throw new Error(`Schedule "${expression}": "${item}" is not a field value.`);
    const [, all, from, to, step] = match;
    const start = all === '*' ? low : Number(from);
    const end = all === '*' ? high : to === undefined ? (step === undefined ? start : high) : Number(to);
    const stride = step === undefined ? 1 : Number(step);
    if (start < low || end > high || start > end || stride < 1) {
      throw new Error(`Schedule "${expression}": "${item}" is outside ${low}-${high}.`);
    }
    for (let value = start; value <= end; value += stride) values.add(value);
  }
  return values;
}
