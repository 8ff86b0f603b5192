import type { EpochSummary, RunPlan } from '../../domain/runExecution/trainingProgress.js';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { ModelRegistry } from '../../domain/registry/modelRegistry.js';
import type { AuditTrail } from '../../domain/audit/auditTrail.js';
import { RunStore } from '../../domain/runs/runStore.js';
import { parseTrainingParams } from '../../domain/training/index.js';
import { trainingEpochs } from '../../domain/training/model/params.js';
import { assembleSnapshot } from '../../domain/runs/datasetSnapshot.js';
import { splitSubjects } from '../../domain/runs/subjectSplit.js';
import { runOnWorker } from './workerJobs.js';
import { telemetryMetrics } from '../../platform/observability/telemetry.js';
import { readModelsBlob, runPaths } from '../../domain/runs/checkpointStore.js';
import type { RunEvaluation } from '../../domain/runExecution/trainingWork.js';
import { notCancelled } from '../../domain/runs/runCancellation.js';

export interface TrainingServices {
  storage: StorageClients;
  registry: ModelRegistry;
  audit: AuditTrail;
  now?: () => Date;
  /** Where full errors are logged (default console.error, which the Functions host collects). */
  logError?: (line: string) => void;
}

const systemActor = { id: 'system:training', name: 'training orchestration', roles: ['Researcher'] };

/**
 * The activities of the training orchestration: thin I/O, each safe to run again. Compute runs
 * on a worker thread (runOnWorker) so the host keeps answering HTTP during training.
 */
export class TrainingActivities {
  readonly #runs: RunStore;

  constructor(private readonly services: TrainingServices) {
    this.#runs = new RunStore(services.storage);
  }

  #now(): string {
    return (this.services.now?.() ?? new Date()).toISOString();
  }

  /** Fixes the snapshot and the subject split once; a retry returns the same plan. */
  async prepareRun(runId: string): Promise<RunPlan> {
    const run = notCancelled(await this.#runs.require(runId));
    const params = parseTrainingParams(run.params);
    if (run.datasetSnapshot !== null) return { runId, epochs: trainingEpochs(params) };
    const snapshot = await assembleSnapshot(this.services.storage, run.request?.subjects);
    const split = splitSubjects(
      snapshot.windowSets.map((set) => set.subject),
      run.request?.validationSubjects,
      run.request?.testSubjects,
    );
    await this.#runs.update(runId, (current) => ({
      ...notCancelled(current),
      status: 'running',
      startedAt: current.startedAt ?? this.#now(),
      datasetSnapshot: snapshot,
      trainSubjects: split.train,
      validationSubjects: split.validation,
      testSubjects: split.test,
      backend: 'embedded',
      progress: { epoch: 0, epochs: trainingEpochs(params) },
    }));
    await this.services.audit.append({
      actor: run.createdBy,
      action: 'run-started',
      target: `runs/${runId}`,
      details: { experiment: run.experiment, snapshot: snapshot.hash, epochs: trainingEpochs(params) },
    });
    return { runId, epochs: trainingEpochs(params) };
  }

  async trainEpoch(runId: string, epoch: number): Promise<EpochSummary> {
    const started = performance.now();
    const summary = await runOnWorker<EpochSummary>({ kind: 'trainEpoch', runId, epoch });
    telemetryMetrics.epochDuration.record((performance.now() - started) / 1000);
    return summary;
  }

  async evaluateRun(runId: string): Promise<{ artifactSha256: string }> {
    const evaluation = await runOnWorker<RunEvaluation>({ kind: 'evaluateRun', runId });
    return { artifactSha256: evaluation.artifactSha256 };
  }

  /** Registers the run's model; the registry returns the same version for the same run. */
  async registerModel(runId: string): Promise<string> {
    const run = notCancelled(await this.#runs.require(runId));
    const evaluation = await readEvaluation(this.services.storage, runId);
    const version = await this.services.registry.register(
      {
        model: run.modelName,
        runId,
        datasetSnapshot: run.datasetSnapshot?.hash ?? '',
        artifactPath: evaluation.artifactPath,
        artifactSha256: evaluation.artifactSha256,
        metrics: run.metrics,
        runCreatedBy: run.createdBy,
        family: parseTrainingParams(run.params).family ?? 'cnn',
        ...(run.evaluationBasis === undefined ? {} : { evaluation: run.evaluationBasis }),
      },
      systemActor,
    );
    await this.services.audit.append({
      actor: systemActor.id,
      action: 'version-registered',
      target: `models/${run.modelName}/versions/${version.version}`,
      details: { runId, artifactSha256: version.artifactSha256 },
    });
    return version.version;
  }

  async completeRun(runId: string, modelVersion: string): Promise<void> {
    const run = await this.#runs.update(runId, (current) => ({
      ...notCancelled(current),
      status: 'succeeded',
      finishedAt: current.finishedAt ?? this.#now(),
      modelVersion,
    }));
    await this.services.audit.append({
      actor: systemActor.id,
      action: 'run-finished',
      target: `runs/${runId}`,
      details: { status: 'succeeded', modelVersion, testAuc: run.metrics.test_auc ?? null },
    });
    telemetryMetrics.runOutcomes.add(1, { outcome: 'succeeded' });
  }

  /**
   * `reason` is what clients see (a sentence with the correlation id); `detail`, the full error,
   * is only logged, under `correlationId`. A run cancelled meanwhile stays cancelled.
   */
  async failRun(runId: string, reason: string, log?: { correlationId: string; detail: string }): Promise<void> {
    if (log !== undefined) {
      (this.services.logError ?? console.error)(
        `Run ${runId} failed [correlation id ${log.correlationId}]: ${log.detail}`,
      );
    }
    const run = await this.#runs.update(runId, (current) =>
      current.status === 'cancelled'
        ? current
        : { ...current, status: 'failed', finishedAt: current.finishedAt ?? this.#now(), error: reason },
    );
    if (run.status === 'cancelled') return;
    await this.services.audit.append({
      actor: systemActor.id,
      action: 'run-finished',
      target: `runs/${runId}`,
      details: { status: 'failed', reason, correlationId: log?.correlationId ?? null },
    });
    telemetryMetrics.runOutcomes.add(1, { outcome: 'failed' });
  }
}

async function readEvaluation(storage: StorageClients, runId: string): Promise<RunEvaluation> {
  const content = await readModelsBlob(storage, runPaths.evaluation(runId));
  if (content === undefined) throw new Error(`Run ${runId} has not been evaluated.`);
  return JSON.parse(content.toString('utf8')) as RunEvaluation;
}
