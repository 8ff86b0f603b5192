import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { Actor } from '../../platform/identity/actor.js';
import { HttpProblem } from '../../platform/http/httpProblem.js';
import { naturalCompare } from '../../platform/naturalOrder.js';
import { labelledSubjects } from '../runs/runRequestChecks.js';
import { configurationsOf, maxEvaluationRuns, type EvaluationRequest } from './evaluationRequest.js';
import { FoldPlanError, planFolds } from './foldPlan.js';
import { foldRunId, newEvaluationId } from './evaluationIds.js';
import type { EvaluationRecord } from './evaluationRecords.js';
import { EvaluationStore } from './evaluationStore.js';

/**
 * Records a queued evaluation with its whole plan: the configurations, the folds over the
 * subjects (all labelled subjects when none are named, fixed now so the folds do not change while
 * it runs) and the run id of every (configuration, fold). Whatever would fail later is refused now
 * (422): a subject without a labelled window set, too few subjects for the scheme, bad params,
 * more runs than `maxEvaluationRuns`.
 */
export async function createQueuedEvaluation(
  storage: StorageClients,
  request: EvaluationRequest,
  actor: Actor,
  now = new Date(),
): Promise<EvaluationRecord> {
  const configurations = configurationsOf(request);
  const labelled = await labelledSubjects(storage);
  const missing = (request.subjects ?? []).filter((subject) => !labelled.has(subject));
  if (missing.length > 0) {
    throw new HttpProblem('validation', 'The evaluation cannot run on these subjects.', {
      errors: missing.map((subject) => ({
        path: 'subjects',
        message: `${subject} has no labelled window set (upload and ingest it first)`,
      })),
    });
  }
  const subjects = request.subjects ?? [...labelled];
  let folds;
  try {
    folds = planFolds(subjects, request.scheme, request.k);
  } catch (error: unknown) {
    if (!(error instanceof FoldPlanError)) throw error;
    throw new HttpProblem('validation', error.message, { errors: [{ path: 'subjects', message: error.message }] });
  }
  const runs = configurations.length * folds.length;
  if (runs > maxEvaluationRuns) {
    throw new HttpProblem(
      'validation',
      `The evaluation would train ${runs} runs (configurations × folds); at most ${maxEvaluationRuns} are allowed.`,
      { errors: [{ path: 'grid', message: `${configurations.length} configurations × ${folds.length} folds` }] },
    );
  }
  const evaluationId = newEvaluationId(now);
  const record: EvaluationRecord = {
    evaluationId,
    experiment: request.experiment,
    model: request.model,
    scheme: request.scheme,
    k: request.k ?? null,
    subjects: [...new Set(subjects)].sort(naturalCompare),
    configurations,
    parallelism: request.parallelism,
    status: 'queued',
    createdBy: actor.id,
    createdAt: now.toISOString(),
    startedAt: null,
    finishedAt: null,
    folds: configurations.flatMap((configuration) =>
      folds.map((fold) => ({
        configuration: configuration.index,
        fold: fold.fold,
        runId: foldRunId(evaluationId, now, configuration.index, fold.fold),
        testSubjects: fold.testSubjects,
        validationSubjects: fold.validationSubjects,
      })),
    ),
    progress: { finished: 0, total: runs },
    aggregates: [],
    comparisons: [],
    error: null,
  };
  return new EvaluationStore(storage).create(record);
}
