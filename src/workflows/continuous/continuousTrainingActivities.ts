import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { ModelRegistry } from '../../domain/registry/modelRegistry.js';
import type { AuditTrail } from '../../domain/audit/auditTrail.js';
import type { ContinuousTrainingConfig } from '../../domain/continuous/continuousTrainingConfig.js';
import type { RegistryConfig } from '../../domain/registry/registryConfig.js';
import type { ModelVersion } from '../../domain/registry/registryRecords.js';
import type { Actor } from '../../platform/identity/actor.js';
import { RegistryError } from '../../domain/registry/registryErrors.js';
import { evaluateGate } from '../../domain/registry/stageGates.js';
import { RunStore } from '../../domain/runs/runStore.js';
import type { RunRecord } from '../../domain/runs/runRecords.js';
import { assembleSnapshot } from '../../domain/runs/datasetSnapshot.js';
import { queuedRun } from '../../domain/runs/startRun.js';
import { runOnWorker } from '../training/workerJobs.js';
import { readModelsBlob, runPaths } from '../../domain/runs/checkpointStore.js';
import type { RunEvaluation } from '../../domain/runExecution/trainingWork.js';
import { prefixed, scalarMetrics } from '../../domain/runExecution/metricNames.js';
import { ContinuousTrainingStore } from '../../domain/continuous/continuousTrainingStore.js';
import {
  judgeChallenger,
  type ChallengerVerdict,
  type ComparedModel,
} from '../../domain/continuous/challengerVerdict.js';
import type { AutomaticRunStart, ContinuousTrainingPlan } from './continuousTrainingOrchestrator.js';

export interface ContinuousTrainingServices {
  storage: StorageClients;
  registry: ModelRegistry;
  registryConfig: RegistryConfig;
  audit: AuditTrail;
  config: ContinuousTrainingConfig;
  gitCommit: string | undefined;
  now?: () => Date;
}

/** The fewest subjects an automatic run can split into training, validation and test. */
export const minimumSubjects = 3;

export const continuousTrainingActor: Actor = {
  id: 'system:continuous-training',
  name: 'continuous training orchestration',
  roles: ['Researcher'],
};

/**
 * The activities of the continuous-training orchestration: thin I/O, each safe to repeat. A
 * repeated start finds the run it created; a repeated verdict finds the one it stored.
 */
export class ContinuousTrainingActivities {
  readonly #store: ContinuousTrainingStore;
  readonly #runs: RunStore;

  constructor(private readonly services: ContinuousTrainingServices) {
    this.#store = new ContinuousTrainingStore(services.storage, services.config.defaultExperiment);
    this.#runs = new RunStore(services.storage);
  }

  #now(): Date {
    return this.services.now?.() ?? new Date();
  }

  async plan(experiment: string): Promise<ContinuousTrainingPlan> {
    const { settings } = await this.#store.settings(experiment);
    return {
      enabled: settings.enabled,
      quietPeriodSeconds: settings.quietPeriodSeconds ?? this.services.config.quietPeriodSeconds,
    };
  }

  /** Queues the run on the snapshot of all ready window sets, unless it is off, too small, or already trained. */
  async startRun(experiment: string, runId: string): Promise<AutomaticRunStart> {
    const existing = await this.#runs.get(runId);
    if (existing?.continuousTraining !== undefined) {
      await this.#recordStart(existing);
      return { runId, reason: `run ${runId} was queued already` };
    }
    const { settings } = await this.#store.settings(experiment);
    if (!settings.enabled) return { runId: null, reason: `continuous training is off for "${experiment}"` };
    const snapshot = await assembleSnapshot(this.services.storage, undefined);
    if (snapshot.windowSets.length < minimumSubjects) {
      return {
        runId: null,
        reason: `${snapshot.windowSets.length} subject(s) have labelled window sets; an automatic run needs ${minimumSubjects}`,
      };
    }
    const state = await this.#store.state(experiment);
    if (state.lastSnapshotHash === snapshot.hash) {
      return {
        runId: null,
        reason: `no new data since run ${state.lastRunId ?? '?'} trained on snapshot ${snapshot.hash}`,
      };
    }
    const now = this.#now();
    const run: RunRecord = {
      ...queuedRun(
        {
          experiment,
          model: settings.model,
          params: settings.params,
          subjects: snapshot.windowSets.map((set) => set.subject),
          validationSubjects: undefined,
          testSubjects: undefined,
        },
        continuousTrainingActor,
        this.services.gitCommit,
        now,
        runId,
      ),
      continuousTraining: {
        snapshotHash: snapshot.hash,
        windowSets: snapshot.windowSets.length,
        metric: settings.comparison.metric,
        margin: settings.comparison.margin,
        report: `/api/runs/${runId}/report`,
        verdict: null,
      },
    };
    const created = await this.#runs.create(run);
    await this.#recordStart(created);
    await this.services.audit.append({
      actor: continuousTrainingActor.id,
      action: 'automatic-run-queued',
      target: `runs/${runId}`,
      details: { experiment, snapshot: snapshot.hash, windowSets: snapshot.windowSets.length },
    });
    return { runId, reason: `${snapshot.windowSets.length} labelled window sets (snapshot ${snapshot.hash})` };
  }

  async #recordStart(run: RunRecord): Promise<void> {
    if (run.continuousTraining === undefined) return;
    await this.#store.recordRun(run.experiment, {
      lastSnapshotHash: run.continuousTraining.snapshotHash,
      lastRunId: run.runId,
      lastRunAt: run.createdAt,
    });
  }

  /**
   * Scores the champion on the run's held-out subjects, decides, and assigns the challenger stage
   * when the challenger wins. The verdict is stored on the run before the assignment, and the
   * assignment is skipped when the stage holds the challenger already, so a retry never adds a
   * second history event. Never touches the champion's stage.
   */
  async judgeChallenger(runId: string): Promise<string> {
    const run = await this.#runs.require(runId);
    const trigger = run.continuousTraining;
    if (trigger === undefined) throw new Error(`Run ${runId} was not started by continuous training.`);
    if (run.modelVersion === null) throw new Error(`Run ${runId} registered no model version.`);
    const verdict = trigger.verdict ?? (await this.#decide(run, run.modelVersion));
    if (trigger.verdict === null) {
      // Audited before it is stored: a crash in between repeats the entry rather than losing it.
      await this.services.audit.append({
        actor: continuousTrainingActor.id,
        action: 'challenger-judged',
        target: `runs/${runId}`,
        details: {
          model: run.modelName,
          challenger: run.modelVersion,
          champion: verdict.champion?.version ?? null,
          metric: verdict.metric,
          promote: verdict.promote,
        },
      });
      await this.#runs.update(runId, (current) => ({
        ...current,
        continuousTraining: current.continuousTraining && { ...current.continuousTraining, verdict },
      }));
    }
    if (verdict.promote && verdict.assignedAt === null) await this.#assign(run, run.modelVersion, verdict);
    return verdict.reason;
  }

  async #decide(run: RunRecord, challengerVersion: string): Promise<ChallengerVerdict> {
    const trigger = run.continuousTraining;
    if (trigger === undefined) throw new Error(`Run ${run.runId} was not started by continuous training.`);
    const { championStage, challengerStage } = this.services.config;
    const challenger = await this.services.registry.version(run.modelName, challengerVersion);
    const championVersion = await this.#versionIn(run.modelName, championStage);
    const champion =
      championVersion === undefined || championVersion.version === challengerVersion
        ? null
        : {
            ...(await runOnWorker<ComparedModel>({
              kind: 'evaluateChampion',
              runId: run.runId,
              version: championVersion,
            })),
            trainedOnTestSubjects: await this.#trainedOn(championVersion, run.testSubjects),
          };
    const gates = this.services.registryConfig.gates;
    const championGate = gates[championStage];
    const gateChecks = [
      ...evaluateGate(gates[challengerStage], challenger, continuousTrainingActor),
      // The champion stage's approver rule is for the person who promotes later; its metrics apply now.
      ...evaluateGate(
        championGate === undefined ? undefined : { ...championGate, distinctApprover: false },
        challenger,
        continuousTrainingActor,
      ),
    ];
    return judgeChallenger({
      metric: trigger.metric,
      margin: trigger.margin,
      challengerStage,
      championStage,
      challenger: await this.#challengerScores(run, challengerVersion),
      champion,
      gateChecks,
      judgedAt: this.#now().toISOString(),
    });
  }

  async #challengerScores(run: RunRecord, version: string): Promise<ComparedModel> {
    const stored = await readModelsBlob(this.services.storage, runPaths.evaluation(run.runId));
    const evaluation = stored === undefined ? undefined : (JSON.parse(stored.toString('utf8')) as RunEvaluation);
    return {
      version,
      metrics: Object.fromEntries(Object.entries(run.metrics).filter(([name]) => name.startsWith('test_'))),
      perSubject: (evaluation?.perSubject ?? []).map((entry) => ({
        subject: entry.subject,
        windows: entry.windows,
        metrics: prefixed('test', scalarMetrics(entry.metrics)),
      })),
    };
  }

  async #versionIn(model: string, stage: string): Promise<ModelVersion | undefined> {
    try {
      return await this.services.registry.versionInStage(model, stage);
    } catch (error: unknown) {
      if (error instanceof RegistryError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  /** Which of the challenger's test subjects the champion saw in training: a comparison on them flatters it. */
  async #trainedOn(champion: ModelVersion, testSubjects: readonly string[]): Promise<string[]> {
    const championRun = await this.#runs.get(champion.runId);
    const seen = new Set([...(championRun?.trainSubjects ?? []), ...(championRun?.validationSubjects ?? [])]);
    return testSubjects.filter((subject) => seen.has(subject));
  }

  async #assign(run: RunRecord, version: string, verdict: ChallengerVerdict): Promise<void> {
    const { challengerStage } = this.services.config;
    const holder = await this.#versionIn(run.modelName, challengerStage);
    if (holder?.version !== version) {
      await this.services.registry.assignStage(
        run.modelName,
        challengerStage,
        version,
        continuousTrainingActor,
        verdict.reason,
      );
    }
    // Until assignedAt is stored, a retry cannot tell whether this entry was written: at least once.
    await this.services.audit.append({
      actor: continuousTrainingActor.id,
      action: 'stage-assigned',
      target: `models/${run.modelName}/stages/${challengerStage}`,
      details: { version, reason: verdict.reason },
    });
    const assignedAt = this.#now().toISOString();
    await this.#runs.update(run.runId, (current) => ({
      ...current,
      continuousTraining: current.continuousTraining && {
        ...current.continuousTraining,
        verdict: current.continuousTraining.verdict && { ...current.continuousTraining.verdict, assignedAt },
      },
    }));
  }

  /** True when the ready window sets differ from what the last automatic run trained on (data arrived during it). */
  async hasNewData(experiment: string): Promise<boolean> {
    const { settings } = await this.#store.settings(experiment);
    if (!settings.enabled) return false;
    const [snapshot, state] = await Promise.all([
      assembleSnapshot(this.services.storage, undefined),
      this.#store.state(experiment),
    ]);
    return snapshot.windowSets.length >= minimumSubjects && snapshot.hash !== state.lastSnapshotHash;
  }
}
