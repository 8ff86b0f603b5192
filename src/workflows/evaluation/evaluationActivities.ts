import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { AuditTrail } from '../../domain/audit/auditTrail.js';
import { RunStore } from '../../domain/runs/runStore.js';
import { queuedRun } from '../../domain/runs/startRun.js';
import { readModelsBlob, runPaths } from '../../domain/runs/checkpointStore.js';
import type { RunEvaluation } from '../../domain/runExecution/trainingWork.js';
import { EvaluationStore } from '../../domain/evaluations/evaluationStore.js';
import { aggregatesOf, comparisonsOf, foldResultOf } from '../../domain/evaluations/evaluationResults.js';
import type { EvaluationRecord } from '../../domain/evaluations/evaluationRecords.js';
import type { EvaluationPlanTasks, EvaluationSummary, FoldOutcome } from './evaluationOrchestrator.js';

export interface EvaluationServices {
  storage: StorageClients;
  audit: AuditTrail;
  gitCommit: string | undefined;
  now?: () => Date;
}

const systemActor = 'system:evaluation';

/** The activities of the evaluation orchestration: thin I/O, each safe to run again. */
export class EvaluationActivities {
  readonly #evaluations: EvaluationStore;
  readonly #runs: RunStore;

  constructor(private readonly services: EvaluationServices) {
    this.#evaluations = new EvaluationStore(services.storage);
    this.#runs = new RunStore(services.storage);
  }

  #now(): string {
    return (this.services.now?.() ?? new Date()).toISOString();
  }

  /**
   * Creates the queued run of every (configuration, fold), linked to the evaluation; a run that
   * exists already (a retried activity) is left as it is. Nothing is started for an evaluation
   * cancelled before it began.
   */
  async prepare(evaluationId: string): Promise<EvaluationPlanTasks> {
    const evaluation = await this.#evaluations.require(evaluationId);
    if (evaluation.status === 'cancelled') return { parallelism: evaluation.parallelism, runIds: [] };
    const actor = { id: evaluation.createdBy, name: evaluation.createdBy, roles: [] };
    const createdAt = new Date(evaluation.createdAt);
    for (const fold of evaluation.folds) {
      const configuration = evaluation.configurations[fold.configuration];
      if (configuration === undefined)
        throw new Error(`Evaluation ${evaluationId} has no configuration ${fold.configuration}.`);
      const run = queuedRun(
        {
          experiment: evaluation.experiment,
          model: evaluation.model,
          params: configuration.params,
          subjects: evaluation.subjects,
          validationSubjects: fold.validationSubjects,
          testSubjects: fold.testSubjects,
        },
        actor,
        this.services.gitCommit,
        createdAt,
        fold.runId,
      );
      await this.#runs.create({
        ...run,
        evaluation: { evaluationId, configuration: fold.configuration, fold: fold.fold },
      });
    }
    const started = await this.#evaluations.update(evaluationId, (current) =>
      current.status === 'queued'
        ? { ...current, status: 'running', startedAt: current.startedAt ?? this.#now() }
        : current,
    );
    if (started.status === 'cancelled') {
      // Cancelled while the runs were being created: the cancel may have missed some; none may start.
      const at = started.cancellation?.at ?? this.#now();
      const by = started.cancellation?.by ?? systemActor;
      for (const fold of started.folds) {
        await this.#runs.update(fold.runId, (current) =>
          current.status === 'queued'
            ? { ...current, status: 'cancelled', finishedAt: at, cancellation: { by, at } }
            : current,
        );
      }
      return { parallelism: started.parallelism, runIds: [] };
    }
    return { parallelism: started.parallelism, runIds: started.folds.map((fold) => fold.runId) };
  }

  /**
   * Records a finished fold from its run's stored evaluation, adds macro F1 and balanced accuracy
   * to the run's metrics (so runs can be searched and compared by them), and counts the progress.
   * Every write is idempotent: the fold row is replaced, the metrics are the same values again,
   * and progress is the number of fold rows, not an increment.
   */
  async recordFold(outcome: FoldOutcome): Promise<void> {
    const evaluation = await this.#evaluations.require(outcome.evaluationId);
    const plan = evaluation.folds.find((fold) => fold.runId === outcome.runId);
    if (plan === undefined)
      throw new Error(`Run ${outcome.runId} is not a fold of evaluation ${outcome.evaluationId}.`);
    const stored =
      outcome.status === 'succeeded'
        ? await readModelsBlob(this.services.storage, runPaths.evaluation(outcome.runId))
        : undefined;
    const runEvaluation = stored === undefined ? undefined : (JSON.parse(stored.toString('utf8')) as RunEvaluation);
    const result = foldResultOf(plan, outcome.status, outcome.error, runEvaluation, this.#now());
    if (result.status === 'succeeded') {
      const { test_f1_macro: f1Macro, test_balanced_accuracy: balanced } = result.metrics;
      await this.#runs.update(outcome.runId, (current) => ({
        ...current,
        metrics: {
          ...current.metrics,
          ...(f1Macro === undefined ? {} : { test_f1_macro: f1Macro }),
          ...(balanced === undefined ? {} : { test_balanced_accuracy: balanced }),
        },
      }));
    }
    await this.#evaluations.recordFold(outcome.evaluationId, result);
    const finished = (await this.#evaluations.folds(outcome.evaluationId)).length;
    await this.#evaluations.update(outcome.evaluationId, (current) => ({
      ...current,
      progress: { finished, total: current.progress.total },
    }));
  }

  /** Aggregates the recorded folds and ends the evaluation: succeeded when every fold did, failed otherwise; a cancelled one stays cancelled. */
  async complete(evaluationId: string): Promise<EvaluationSummary> {
    const folds = await this.#evaluations.folds(evaluationId);
    const evaluation = await this.#evaluations.require(evaluationId);
    const aggregates = aggregatesOf(evaluation.configurations.length, folds);
    const comparisons = comparisonsOf(aggregates, folds);
    const failed = folds.filter((fold) => fold.status !== 'succeeded').length;
    const updated = await this.#evaluations.update(evaluationId, (current) => ({
      ...current,
      ...statusAfter(current, failed, folds.length),
      finishedAt: current.finishedAt ?? this.#now(),
      progress: { finished: folds.length, total: current.progress.total },
      aggregates,
      comparisons,
    }));
    if (evaluation.finishedAt === null) {
      await this.services.audit.append({
        actor: systemActor,
        action: 'evaluation-finished',
        target: `evaluations/${evaluationId}`,
        details: {
          status: updated.status,
          folds: folds.length,
          failedFolds: failed,
          meanTestAuc: aggregates.find((aggregate) => aggregate.rank === 1)?.folds.test_auc?.mean ?? null,
        },
      });
    }
    return { evaluationId, status: updated.status, finished: folds.length };
  }
}

function statusAfter(
  current: EvaluationRecord,
  failed: number,
  recorded: number,
): Pick<EvaluationRecord, 'status' | 'error'> {
  if (current.status === 'cancelled') return { status: 'cancelled', error: current.error };
  if (failed > 0) return { status: 'failed', error: `${failed} of ${recorded} fold runs did not succeed.` };
  return { status: 'succeeded', error: null };
}
