import { WesadInputError } from '../errors.js';

export type StudyCondition = 'baseline' | 'stress' | 'amusement' | 'meditation' | 'reading' | 'other';

export interface ProtocolPhase {
  /** As written in the ORDER row, e.g. 'TSST' or 'Medi 1'. */
  name: string;
  condition: StudyCondition;
  /** The WESAD label code of the condition, where it has one. */
  label: number | null;
  /** Seconds from the chest-device start. */
  startSeconds: number;
  endSeconds: number;
}

/** The protocol of one subject, stored as subject metadata. */
export interface QuestTimeline {
  subject: string | null;
  phases: ProtocolPhase[];
}

const CONDITIONS: readonly [RegExp, StudyCondition, number | null][] = [
  [/^base/i, 'baseline', 1],
  [/^tsst/i, 'stress', 2],
  [/^fun/i, 'amusement', 3],
  [/^medi/i, 'meditation', 4],
  [/read/i, 'reading', null],
];

/** `S{n}_quest.csv`: `;`-separated `# ORDER`, `# START`, `# END` rows (minutes.seconds) → phases. */
export function parseQuestTimeline(text: string): QuestTimeline {
  const rows = new Map<string, string[]>();
  for (const line of text.split(/\r?\n/)) {
    const [head = '', ...cells] = line.split(';');
    const key = head.trim().replace(/^#\s*/, '').toUpperCase();
    if (head.trim().startsWith('#') && !rows.has(key)) rows.set(key, trimTrailingEmpty(cells.map((c) => c.trim())));
  }
  const order = rows.get('ORDER');
  const starts = rows.get('START');
  const ends = rows.get('END');
  if (order === undefined || starts === undefined || ends === undefined) {
    throw new WesadInputError('QUEST_MALFORMED', 'The quest file needs # ORDER, # START and # END rows.');
  }
  if (order.length === 0 || starts.length < order.length || ends.length < order.length) {
    throw new WesadInputError(
      'QUEST_MALFORMED',
      `The quest file lists ${order.length} phases but ${starts.length} starts and ${ends.length} ends.`,
    );
  }
  const phases = order.map((name, i): ProtocolPhase => {
    const startSeconds = minutesDotSeconds(starts[i] ?? '', `START of ${name}`);
    const endSeconds = minutesDotSeconds(ends[i] ?? '', `END of ${name}`);
    if (endSeconds < startSeconds) {
      throw new WesadInputError('QUEST_MALFORMED', `Phase ${name} ends before it starts.`);
    }
    const [, condition, label] = CONDITIONS.find(([pattern]) => pattern.test(name)) ?? [undefined, 'other', null];
    return { name, condition, label, startSeconds, endSeconds };
  });
  const subject = rows.get('SUBJ')?.[0] ?? null;
  return { subject: subject === '' ? null : subject, phases };
}

/** '39.55' → 39 min 55 s; a single digit after the dot is tens of seconds ('7.5' → 7:50), as in 7.50. */
function minutesDotSeconds(cell: string, what: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cell);
  const seconds = Number((match?.[2] ?? '0').padEnd(2, '0'));
  if (match === null || seconds >= 60) {
    throw new WesadInputError('QUEST_MALFORMED', `${what} is '${cell.slice(0, 20)}', not minutes.seconds.`);
  }
  return Number(match[1]) * 60 + seconds;
}

function trimTrailingEmpty(cells: string[]): string[] {
  const out = [...cells];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}
