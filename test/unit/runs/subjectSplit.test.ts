import { describe, expect, it } from 'vitest';
import { splitSubjects, SplitError } from '../../../src/domain/runs/subjectSplit.js';

describe('splitting subjects', () => {
  it('holds out the chosen subjects and trains on the rest, never one subject in two splits', () => {
    expect(splitSubjects(['S2', 'S3', 'S10', 'S4'], ['S3'], ['S10'])).toEqual({
      train: ['S2', 'S4'],
      validation: ['S3'],
      test: ['S10'],
    });
  });

  it('chooses the same held-out subjects every time when none are given (numeric order)', () => {
    expect(splitSubjects(['S10', 'S2', 'S9'], undefined, undefined)).toEqual({
      train: ['S2'],
      validation: ['S9'],
      test: ['S10'],
    });
  });

  it('refuses overlaps, unknown subjects and nothing left to train on', () => {
    expect(() => splitSubjects(['S2', 'S3', 'S4'], ['S3'], ['S3'])).toThrow(SplitError);
    expect(() => splitSubjects(['S2', 'S3'], [], ['S7'])).toThrow(/no labelled window set/);
    expect(() => splitSubjects(['S2', 'S3'], ['S2'], ['S3'])).toThrow(/No subject is left/);
  });
});
