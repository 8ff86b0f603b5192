export interface SubjectSplit {
  train: string[];
  validation: string[];
  test: string[];
}

export class SplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SplitError';
  }
}

/**
 * Splits subjects so that none is in two splits: the chosen validation and test subjects, and
 * everything else for training. Without a choice, the last subject (sorted) is the test subject
 * and the one before it validates, so the split is the same every time for the same data.
 */
export function splitSubjects(
  subjects: readonly string[],
  validation: readonly string[] | undefined,
  test: readonly string[] | undefined,
): SubjectSplit {
  const sorted = [...new Set(subjects)].sort(compareSubjects);
  const chosenTest = test ?? sorted.slice(-1);
  const chosenValidation = validation ?? sorted.filter((subject) => !chosenTest.includes(subject)).slice(-1);
  const overlap = chosenTest.filter((subject) => chosenValidation.includes(subject));
  if (overlap.length > 0) throw new SplitError(`${overlap.join(', ')} cannot be both a validation and a test subject.`);
  for (const subject of [...chosenTest, ...chosenValidation]) {
    if (!sorted.includes(subject)) throw new SplitError(`${subject} has no labelled window set in the snapshot.`);
  }
  const train = sorted.filter((subject) => !chosenTest.includes(subject) && !chosenValidation.includes(subject));
  if (train.length === 0) throw new SplitError('No subject is left for training.');
  if (chosenTest.length === 0) throw new SplitError('At least one test subject is needed.');
  return { train, validation: [...chosenValidation], test: [...chosenTest] };
}

/** S2 before S10: numbers inside ids compare as numbers. */
function compareSubjects(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
