import { describe, expect, it } from 'vitest';
import { FoldPlanError, planFolds } from '../../../src/domain/evaluations/foldPlan.js';

const subjects = ['S10', 'S2', 'S3', 'S11', 'S4'];

describe('fold planning', () => {
  it('LOSO: one fold per subject in natural order, tested on it alone, nothing held out for validation', () => {
    expect(planFolds(subjects, 'loso')).toEqual([
      { fold: 0, testSubjects: ['S2'], validationSubjects: [] },
      { fold: 1, testSubjects: ['S3'], validationSubjects: [] },
      { fold: 2, testSubjects: ['S4'], validationSubjects: [] },
      { fold: 3, testSubjects: ['S10'], validationSubjects: [] },
      { fold: 4, testSubjects: ['S11'], validationSubjects: [] },
    ]);
  });

  it('is the same whatever order the subjects come in, and ignores repeats', () => {
    expect(planFolds([...subjects].reverse().concat(['S3']), 'loso')).toEqual(planFolds(subjects, 'loso'));
    expect(planFolds(['S4', 'S11', 'S2', 'S10', 'S3'], 'kfold', 2)).toEqual(planFolds(subjects, 'kfold', 2));
  });

  it('k-fold: contiguous groups, the first n mod k one larger, every subject tested exactly once', () => {
    const folds = planFolds(subjects, 'kfold', 3);
    expect(folds.map((fold) => fold.testSubjects)).toEqual([['S2', 'S3'], ['S4', 'S10'], ['S11']]);
    expect(folds.flatMap((fold) => fold.testSubjects).sort()).toEqual([...subjects].sort());
    expect(() => planFolds(subjects, 'kfold', 6)).toThrow(FoldPlanError);
    expect(() => planFolds(subjects, 'kfold', 1)).toThrow(FoldPlanError);
  });

  it('split: the fixed split of a run, the last subject tests and the one before validates', () => {
    expect(planFolds(subjects, 'split')).toEqual([{ fold: 0, testSubjects: ['S11'], validationSubjects: ['S10'] }]);
    expect(() => planFolds(['S2', 'S3'], 'split')).toThrow(FoldPlanError);
  });

  it('needs two subjects', () => {
    expect(() => planFolds(['S2'], 'loso')).toThrow(FoldPlanError);
  });
});
