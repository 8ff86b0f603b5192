import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { Actor } from '../../platform/identity/actor.js';
import { HttpProblem } from '../../platform/http/httpProblem.js';
import { RunStore } from '../runs/runStore.js';
import { newRunId } from '../runs/runIds.js';
import { queuedRun } from '../runs/startRun.js';
import { checkRunSubjects } from '../runs/runRequestChecks.js';
import type { RunRecord } from '../runs/runRecords.js';
import type { EvaluationBasis } from '../registry/registryRecords.js';
import type { RunRequest } from '../runs/runRequest.js';
import { EvaluationStore } from './evaluationStore.js';

/**
 * POST /api/evaluations/{id}/register: queues the run that trains the model an evaluation
 * justified, with its best-ranked configuration, on the evaluation's subjects: all of them but the
 * last (natural order), which stays held out so the version also has test metrics of its own;
 * none is spent on validation. The run carries the evaluation's outcome (`evaluationBasis`), and
 * the version it registers keeps it, for gates that require an evaluation. 409 unless the
 * evaluation succeeded.
 */
export async function queueRunFromEvaluation(
  storage: StorageClients,
  evaluationId: string,
  actor: Actor,
  gitCommit: string | undefined,
  now = new Date(),
): Promise<RunRecord> {
  const evaluation = await new EvaluationStore(storage).get(evaluationId);
  if (evaluation === undefined) throw new HttpProblem('not-found', `No evaluation ${evaluationId}.`);
  if (evaluation.status !== 'succeeded') {
    throw new HttpProblem(
      'conflict',
      `Evaluation ${evaluationId} is ${evaluation.status}; only a succeeded one justifies a model.`,
      {
        evaluationStatus: evaluation.status,
      },
    );
  }
  const best = evaluation.aggregates.find((aggregate) => aggregate.rank === 1);
  const configuration = evaluation.configurations.find((entry) => entry.index === best?.configuration);
  if (best === undefined || configuration === undefined) {
    throw new HttpProblem('conflict', `Evaluation ${evaluationId} has no ranked configuration.`);
  }
  const means: Record<string, number> = {};
  for (const [metric, stats] of Object.entries(best.folds)) means[metric] = stats.mean;
  const basis: EvaluationBasis = {
    evaluationId,
    scheme: evaluation.scheme,
    configuration: configuration.index,
    folds: best.succeededFolds,
    means,
  };
  const request: RunRequest = {
    experiment: evaluation.experiment,
    model: evaluation.model,
    params: configuration.params,
    subjects: evaluation.subjects,
    validationSubjects: [],
    testSubjects: undefined,
  };
  await checkRunSubjects(storage, request);
  const run = queuedRun(request, actor, gitCommit, now, newRunId(now));
  return new RunStore(storage).create({ ...run, evaluationBasis: basis });
}
