import { WesadInputError } from './errors.js';

const SUBJECT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** `S<n>` at the start of a path segment: the folder `S2/`, `S2.pkl`, `S2_E4_Data.zip`, `S2_quest.csv`. */
const NAMED_SUBJECT = /^(S\d+)(?=$|[_.\s-])/;

/**
 * The subject id used in blob paths: the caller's choice, else what the file says, else the
 * `S<n>` prefix of the upload's name. It must be safe as a path segment, and without a choice by
 * the caller, a file whose content names a subject other than its name does is refused
 * (SUBJECT_MISMATCH): `S77/S77.pkl` holding S2 is a mistake or an attempt to write over S2.
 */
export function resolveSubjectId(
  explicit: string | undefined,
  recorded: string | undefined,
  sourceName: string,
): string {
  // A folder of loose E4 CSVs is named with its trailing separator ('S2/'): the folder counts.
  const fromName = /(?:^|[/\\])(S\d+)[^/\\]*$/.exec(sourceName.replace(/[/\\]+$/, ''))?.[1];
  if (explicit === undefined) refuseDisagreement(recorded, sourceName);
  const subject = explicit ?? recorded ?? fromName;
  if (subject === undefined) {
    throw new WesadInputError('INVALID_SUBJECT', `No subject id in the file or its name '${sourceName}'.`);
  }
  if (!SUBJECT_PATTERN.test(subject)) {
    throw new WesadInputError('INVALID_SUBJECT', `Subject id '${subject.slice(0, 70)}' is not a safe name.`);
  }
  return subject;
}

/** Every subject the path names (folders and file), in order. */
export function subjectsNamedIn(sourceName: string): string[] {
  return sourceName
    .split(/[/\\]/)
    .map((segment) => NAMED_SUBJECT.exec(segment)?.[1])
    .filter((subject): subject is string => subject !== undefined);
}

function refuseDisagreement(recorded: string | undefined, sourceName: string): void {
  const named = [...new Set(subjectsNamedIn(sourceName))];
  const claims = recorded === undefined ? named : [...new Set([recorded, ...named])];
  if (claims.length <= 1) return;
  const what = recorded === undefined ? '' : `the file's content names ${recorded.slice(0, 70)}, `;
  throw new WesadInputError(
    'SUBJECT_MISMATCH',
    `The upload disagrees about its subject: ${what}its name '${sourceName.slice(0, 200)}' names ${named.join(', ')}. ` +
      'Rename the upload to match the recording.',
  );
}
