import { naturalCompare } from '../../platform/naturalOrder.js';
import type { EvaluationScheme } from './evaluationRequest.js';

/** One fold: the subjects its run is tested on, and those it validates on (none for LOSO and k-fold). */
export interface PlannedFold {
  fold: number;
  testSubjects: string[];
  validationSubjects: string[];
}

export class FoldPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FoldPlanError';
  }
}

/**
 * The folds of a scheme over the subjects, in natural subject order (S2 before S10), so the same
 * subjects always give the same folds:
 * - `loso`: one fold per subject, tested on it and trained on all the others (WESAD paper, Table 4);
 * - `kfold`: k contiguous groups of subjects, the first (n mod k) one larger (scikit-learn's KFold
 *   without shuffling), each tested on once;
 * - `split`: the fixed split of a single run (subjectSplit.ts): the last subject tests, the one
 *   before it validates.
 * Training uses every subject not tested or validated on, so no subject crosses a split.
 */
export function planFolds(subjects: readonly string[], scheme: EvaluationScheme, k?: number): PlannedFold[] {
  const sorted = [...new Set(subjects)].sort(naturalCompare);
  if (sorted.length < 2) throw new FoldPlanError('An evaluation needs at least two subjects.');
  switch (scheme) {
    case 'loso':
      return sorted.map((subject, fold) => ({ fold, testSubjects: [subject], validationSubjects: [] }));
    case 'kfold': {
      const folds = k ?? 0;
      if (folds < 2 || folds > sorted.length) {
        throw new FoldPlanError(`k-fold needs 2 ≤ k ≤ ${sorted.length} (the number of subjects), not ${folds}.`);
      }
      const base = Math.floor(sorted.length / folds);
      const larger = sorted.length % folds;
      const plan: PlannedFold[] = [];
      let start = 0;
      for (let fold = 0; fold < folds; fold++) {
        const size = base + (fold < larger ? 1 : 0);
        plan.push({ fold, testSubjects: sorted.slice(start, start + size), validationSubjects: [] });
        start += size;
      }
      return plan;
    }
    case 'split': {
      if (sorted.length < 3) throw new FoldPlanError('The fixed split needs at least three subjects.');
      return [{ fold: 0, testSubjects: sorted.slice(-1), validationSubjects: sorted.slice(-2, -1) }];
    }
  }
}
