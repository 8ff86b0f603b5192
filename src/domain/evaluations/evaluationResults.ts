import type { ConfusionMatrix } from '../training/metrics/confusion.js';
import type { RunEvaluation } from '../runExecution/trainingWork.js';
import type {
  EvaluationFoldPlan,
  ConfigurationAggregate,
  ConfigurationComparison,
  FoldResult,
} from './evaluationRecords.js';
import { evaluationMetricNames, meanStd, metricsOfConfusion, pooledConfusion, type MeanStd } from './foldMetrics.js';
import { wilcoxonSignedRank } from './wilcoxon.js';

/** A finished fold's result from its run's stored evaluation (test metrics overall and per subject). */
export function foldResultOf(
  plan: EvaluationFoldPlan,
  status: FoldResult['status'],
  error: string | null,
  evaluation: Pick<RunEvaluation, 'test' | 'perSubject'> | undefined,
  recordedAt: string,
): FoldResult {
  const succeeded = status === 'succeeded' && evaluation !== undefined;
  return {
    configuration: plan.configuration,
    fold: plan.fold,
    runId: plan.runId,
    testSubjects: plan.testSubjects,
    status: succeeded ? 'succeeded' : status === 'succeeded' ? 'failed' : status,
    error: succeeded ? null : (error ?? 'the run has no stored evaluation'),
    metrics: succeeded ? metricsOfConfusion(evaluation.test.confusion, evaluation.test.rocAuc) : {},
    confusion: succeeded ? evaluation.test.confusion : null,
    perSubject: succeeded
      ? evaluation.perSubject.map((entry) => ({
          subject: entry.subject,
          windows: entry.windows,
          metrics: metricsOfConfusion(entry.metrics.confusion, entry.metrics.rocAuc),
          confusion: entry.metrics.confusion,
        }))
      : [],
    recordedAt,
  };
}

/** Each configuration's mean ± std over its succeeded folds, pooled metrics, and its rank. */
export function aggregatesOf(configurations: number, folds: readonly FoldResult[]): ConfigurationAggregate[] {
  const unranked = Array.from({ length: configurations }, (_, configuration) => {
    const own = folds.filter((fold) => fold.configuration === configuration);
    const succeeded = own.filter((fold) => fold.status === 'succeeded');
    const summary: Partial<Record<(typeof evaluationMetricNames)[number], MeanStd>> = {};
    for (const name of evaluationMetricNames) {
      const stats = meanStd(
        succeeded.flatMap((fold) => (fold.metrics[name] === undefined ? [] : [fold.metrics[name]])),
      );
      if (stats !== undefined) summary[name] = stats;
    }
    const confusions = succeeded.flatMap((fold) => (fold.confusion === null ? [] : [fold.confusion]));
    const pooled: ConfusionMatrix = pooledConfusion(confusions);
    return {
      configuration,
      folds: summary,
      pooled: metricsOfConfusion(pooled, null),
      pooledConfusion: pooled,
      succeededFolds: succeeded.length,
      failedFolds: own.length - succeeded.length,
      rank: 0,
    };
  });
  const order = [...unranked].sort(
    (a, b) =>
      score(b.folds.test_auc) - score(a.folds.test_auc) ||
      score(b.folds.test_f1_macro) - score(a.folds.test_f1_macro) ||
      a.configuration - b.configuration,
  );
  for (const [index, aggregate] of order.entries()) aggregate.rank = index + 1;
  return unranked;
}

function score(stats: MeanStd | undefined): number {
  return stats === undefined ? Number.NEGATIVE_INFINITY : stats.mean;
}

/**
 * Every other configuration against the best-ranked one: test AUC paired by fold (the folds
 * both finished), by the Wilcoxon signed-rank test, so a researcher sees whether the difference
 * is more than fold-to-fold noise. Empty for a single configuration.
 */
export function comparisonsOf(
  aggregates: readonly ConfigurationAggregate[],
  folds: readonly FoldResult[],
): ConfigurationComparison[] {
  const best = aggregates.find((aggregate) => aggregate.rank === 1);
  if (best === undefined || aggregates.length < 2) return [];
  const aucOf = (configuration: number): Map<number, number> =>
    new Map(
      folds.flatMap((fold) =>
        fold.configuration === configuration && fold.status === 'succeeded' && fold.metrics.test_auc !== undefined
          ? [[fold.fold, fold.metrics.test_auc] as const]
          : [],
      ),
    );
  const bestAuc = aucOf(best.configuration);
  return aggregates
    .filter((aggregate) => aggregate.configuration !== best.configuration)
    .flatMap((aggregate) => {
      const own = aucOf(aggregate.configuration);
      const paired = [...own.keys()].filter((fold) => bestAuc.has(fold)).sort((a, b) => a - b);
      if (paired.length === 0) return [];
      const mine = paired.map((fold) => own.get(fold) ?? 0);
      const theirs = paired.map((fold) => bestAuc.get(fold) ?? 0);
      const meanDifference = mine.reduce((sum, value, index) => sum + value - (theirs[index] ?? 0), 0) / paired.length;
      return [
        {
          configuration: aggregate.configuration,
          against: best.configuration,
          metric: 'test_auc' as const,
          meanDifference,
          test: wilcoxonSignedRank(mine, theirs),
        },
      ];
    });
}
