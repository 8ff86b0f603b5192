import { WesadInputError } from './errors.js';

const SUBJECT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The subject id used in blob paths: the caller's choice, else what the file says, else the
 * `S<n>` prefix of the upload's name. It must be safe as a path segment.
 */
export function resolveSubjectId(
  explicit: string | undefined,
  recorded: string | undefined,
  sourceName: string,
): string {
  // A folder of loose E4 CSVs is named with its trailing separator ('S2/'): the folder counts.
  const fromName = /(?:^|[/\\])(S\d+)[^/\\]*$/.exec(sourceName.replace(/[/\\]+$/, ''))?.[1];
  const subject = explicit ?? recorded ?? fromName;
  if (subject === undefined) {
    throw new WesadInputError('INVALID_SUBJECT', `No subject id in the file or its name '${sourceName}'.`);
  }
  if (!SUBJECT_PATTERN.test(subject)) {
    throw new WesadInputError('INVALID_SUBJECT', `Subject id '${subject.slice(0, 70)}' is not a safe name.`);
  }
  return subject;
}
