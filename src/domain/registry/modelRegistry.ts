import { setTimeout as delay } from 'node:timers/promises';
import type { RegistryConfig } from './registryConfig.js';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { RegistryError } from './registryErrors.js';
import type { EvaluationBasis, ModelSummary, ModelVersion, RegistryEvent, StageAssignment } from './registryRecords.js';
import type { Actor } from '../../platform/identity/actor.js';
import { RegistryTable, type ModelRow, type RowChange } from './registryTable.js';
import { evaluateGate } from './stageGates.js';
import { rolesForStage } from './stageAuthorization.js';
import {
  bumped,
  compareSemanticVersions,
  formatSemanticVersion,
  parseSemanticVersion,
  type VersionBump,
} from './semanticVersion.js';

/** What registering asks for: the run's facts; the registry adds who registered it, when, and the status. */
export interface VersionRegistration extends Pick<
  ModelVersion,
  'model' | 'runId' | 'datasetSnapshot' | 'artifactPath' | 'artifactSha256' | 'metrics' | 'runCreatedBy'
> {
  /** An explicit MAJOR.MINOR.PATCH; otherwise the latest version bumped by `bump`. */
  version?: string;
  /** The model family the run trained (recorded on the version when given). */
  family?: string;
  /** The evaluation that justified the run (recorded on the version when given). */
  evaluation?: EvaluationBasis;
  bump?: VersionBump;
}

/** Registration retries a lost race itself: unlike a stage change, it has no winner to respect. */
const registrationAttempts = 20;

/**
 * Models, their versions and stages, with an append-only history. Every change commits as one
 * transaction with its event under the model row's ETag, so two racing changes never both
 * succeed: the loser gets a conflict and the history has exactly one event per change.
 */
export class ModelRegistry {
  readonly #table: RegistryTable;

  constructor(
    storage: StorageClients,
    private readonly config: RegistryConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#table = new RegistryTable(storage);
  }

  /** Registers the model a run produced; registering the same run again returns the same version. */
  async register(registration: VersionRegistration, actor: Actor): Promise<ModelVersion> {
    validateModelName(registration.model);
    for (let attempt = 0; attempt < registrationAttempts; attempt++) {
      const existing = await this.#table.versionOfRun(registration.model, registration.runId);
      if (existing !== undefined) return this.#requireVersion(registration.model, existing);

      const model = await this.#table.model(registration.model);
      const version = this.#nextVersion(registration, model);
      if (model !== undefined && (await this.#table.version(registration.model, version)) !== undefined) {
        if (registration.version !== undefined) {
          throw new RegistryError('conflict', `Version ${version} of "${registration.model}" already exists.`);
        }
        // An auto-bumped number taken by a concurrent registration: bump again from fresh state.
        await delay(Math.random() * 50);
        continue;
      }
      const at = this.now().toISOString();
      const record: ModelVersion = {
        model: registration.model,
        version,
        runId: registration.runId,
        datasetSnapshot: registration.datasetSnapshot,
        artifactPath: registration.artifactPath,
        artifactSha256: registration.artifactSha256,
        metrics: registration.metrics,
        runCreatedBy: registration.runCreatedBy,
        registeredBy: actor.id,
        registeredAt: at,
        status: 'active',
        trainedOnErasedData: false,
        ...(registration.family === undefined ? {} : { family: registration.family }),
        ...(registration.evaluation === undefined ? {} : { evaluation: registration.evaluation }),
      };
      const latest = latestOf(model?.latestVersion ?? null, version);
      const { committed } = await this.#table.commit({
        model: model ?? newModel(registration.model, at),
        latestVersion: latest,
        rows: [
          { kind: 'create-version', version: record },
          { kind: 'create-run-index', runId: registration.runId, version },
        ],
        event: {
          at,
          actor: actor.id,
          action: 'version-registered',
          version,
          stage: null,
          fromVersion: null,
          toVersion: null,
          reason: `registered from run ${registration.runId}`,
        },
      });
      if (committed) return record;
      await delay(Math.random() * 50);
    }
    throw new RegistryError('conflict', `Too many concurrent registrations for "${registration.model}"; try again.`);
  }

  /**
   * Puts a version into a stage after its gate passes; the stage's previous holder is recorded.
   * With `expectedEtag` (the model's ETag as the caller last saw it) any change since is a conflict.
   */
  async assignStage(
    model: string,
    stage: string,
    version: string,
    actor: Actor,
    reason: string,
    expectedEtag?: string,
  ): Promise<StageAssignment> {
    this.#validateStage(stage);
    const row = await this.#requireModel(model, expectedEtag);
    const candidate = await this.#requireVersion(model, version);
    if (candidate.status !== 'active') {
      throw new RegistryError('conflict', `Version ${version} is ${candidate.status} and cannot enter a stage.`);
    }
    const checks = evaluateGate(this.config.gates[stage], candidate, actor);
    const failed = checks.filter((check) => !check.passed);
    if (failed.length > 0) {
      throw new RegistryError(
        'gate-refused',
        `Version ${version} may not enter "${stage}": ${failed.map((c) => c.check).join('; ')}.`,
        {
          checks,
        },
      );
    }
    const previous = await this.#table.stage(model, stage);
    const at = this.now().toISOString();
    const assignment: StageAssignment = { model, stage, version, assignedBy: actor.id, assignedAt: at, reason };
    await this.#commitOrConflict(row, [{ kind: 'put-stage', assignment }], {
      at,
      actor: actor.id,
      action: 'stage-assigned',
      version,
      stage,
      fromVersion: previous?.version ?? null,
      toVersion: version,
      reason,
    });
    return assignment;
  }

  async unassignStage(
    model: string,
    stage: string,
    actor: Actor,
    reason: string,
    expectedEtag?: string,
  ): Promise<void> {
    this.#validateStage(stage);
    const row = await this.#requireModel(model, expectedEtag);
    const previous = await this.#table.stage(model, stage);
    if (previous === undefined) throw new RegistryError('not-found', `No version of "${model}" is in "${stage}".`);
    await this.#commitOrConflict(row, [{ kind: 'delete-stage', stage }], {
      at: this.now().toISOString(),
      actor: actor.id,
      action: 'stage-unassigned',
      version: previous.version,
      stage,
      fromVersion: previous.version,
      toVersion: null,
      reason,
    });
  }

  /** Deprecated versions stay downloadable but enter no stage; archived ones must hold no stage. */
  async setStatus(
    model: string,
    version: string,
    status: 'deprecated' | 'archived',
    actor: Actor,
    reason: string,
  ): Promise<ModelVersion> {
    const row = await this.#requireModel(model);
    const current = await this.#requireVersion(model, version);
    const held = (await this.#table.stages(model)).filter((assignment) => assignment.version === version);
    // The version in a gated stage (production) is that stage's business: only its roles change it.
    const refused = held.filter((assignment) => !hasRole(actor, rolesForStage(this.config, assignment.stage)));
    if (refused.length > 0) {
      throw new RegistryError(
        'forbidden',
        `Version ${version} holds ${refused.map((a) => a.stage).join(', ')}: changing its status needs one of the roles ${refused.flatMap((a) => rolesForStage(this.config, a.stage)).join(', ')}.`,
      );
    }
    if (current.status === status) return current;
    if (current.status === 'archived') throw new RegistryError('conflict', `Version ${version} is archived already.`);
    if (status === 'archived') {
      if (held.length > 0) {
        throw new RegistryError(
          'conflict',
          `Version ${version} holds ${held.map((a) => a.stage).join(', ')}; unassign it first.`,
        );
      }
    }
    const updated: ModelVersion = { ...current, status };
    await this.#commitOrConflict(row, [{ kind: 'update-version', version: updated }], {
      at: this.now().toISOString(),
      actor: actor.id,
      action: status === 'archived' ? 'version-archived' : 'version-deprecated',
      version,
      stage: null,
      fromVersion: null,
      toVersion: null,
      reason,
    });
    return updated;
  }

  /**
   * Flags a version as trained on data that has since been erased (GDPR). The version stays, with
   * its history, so what was done with the data remains auditable. Flagging twice changes nothing.
   */
  async markTrainedOnErasedData(model: string, version: string, actor: Actor, reason: string): Promise<boolean> {
    const row = await this.#requireModel(model);
    const current = await this.#requireVersion(model, version);
    if (current.trainedOnErasedData) return false;
    await this.#commitOrConflict(
      row,
      [{ kind: 'update-version', version: { ...current, trainedOnErasedData: true } }],
      {
        at: this.now().toISOString(),
        actor: actor.id,
        action: 'version-data-erased',
        version,
        stage: null,
        fromVersion: null,
        toVersion: null,
        reason,
      },
    );
    return true;
  }

  async summary(model: string): Promise<ModelSummary> {
    const row = await this.#requireModel(model);
    const stages = await this.#table.stages(model);
    return {
      name: row.name,
      etag: row.etag,
      latestVersion: row.latestVersion,
      stages: Object.fromEntries(stages.map((assignment) => [assignment.stage, assignment.version])),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  async models(
    pageSize: number,
    continuationToken: string | undefined,
  ): Promise<{ items: ModelSummary[]; continuationToken: string | undefined }> {
    const page = await this.#table.models(pageSize, continuationToken);
    const items = await Promise.all(page.rows.map((row) => this.summary(row.name)));
    return { items, continuationToken: page.continuationToken };
  }

  async versions(model: string): Promise<ModelVersion[]> {
    await this.#requireModel(model);
    return this.#table.versions(model);
  }

  async version(model: string, version: string): Promise<ModelVersion> {
    return this.#requireVersion(model, version);
  }

  /** The version currently in a stage: what "give me the model in production" resolves to. */
  async versionInStage(model: string, stage: string): Promise<ModelVersion> {
    this.#validateStage(stage);
    await this.#requireModel(model);
    const assignment = await this.#table.stage(model, stage);
    if (assignment === undefined) throw new RegistryError('not-found', `No version of "${model}" is in "${stage}".`);
    return this.#requireVersion(model, assignment.version);
  }

  async events(
    model: string,
    pageSize: number,
    continuationToken: string | undefined,
  ): Promise<{ items: RegistryEvent[]; continuationToken: string | undefined }> {
    await this.#requireModel(model);
    const page = await this.#table.events(model, pageSize, continuationToken);
    return { items: page.events, continuationToken: page.continuationToken };
  }

  async #commitOrConflict(
    row: ModelRow,
    rows: RowChange[],
    event: Omit<RegistryEvent, 'model' | 'sequence'>,
  ): Promise<void> {
    const { committed } = await this.#table.commit({ model: row, latestVersion: row.latestVersion, rows, event });
    if (!committed) {
      throw new RegistryError(
        'conflict',
        `"${row.name}" changed while this request was being decided; read it again and retry.`,
      );
    }
  }

  #nextVersion(registration: VersionRegistration, model: ModelRow | undefined): string {
    if (registration.version !== undefined) {
      if (parseSemanticVersion(registration.version) === undefined) {
        throw new RegistryError('invalid', `"${registration.version}" is not a MAJOR.MINOR.PATCH version.`);
      }
      return registration.version;
    }
    const latest =
      model?.latestVersion === null || model === undefined ? undefined : parseSemanticVersion(model.latestVersion);
    return formatSemanticVersion(bumped(latest, registration.bump ?? 'minor'));
  }

  #validateStage(stage: string): void {
    if (!this.config.stages.includes(stage)) {
      throw new RegistryError('invalid', `"${stage}" is not a stage; stages are ${this.config.stages.join(', ')}.`);
    }
  }

  async #requireModel(model: string, expectedEtag?: string): Promise<ModelRow> {
    const row = await this.#table.model(model);
    if (row === undefined) throw new RegistryError('not-found', `No model named "${model}".`);
    if (expectedEtag !== undefined && expectedEtag !== row.etag) {
      throw new RegistryError(
        'conflict',
        `"${model}" has changed since ETag ${expectedEtag}; read it again and retry.`,
      );
    }
    return row;
  }

  async #requireVersion(model: string, version: string): Promise<ModelVersion> {
    if (parseSemanticVersion(version) === undefined) {
      throw new RegistryError('invalid', `"${version}" is not a MAJOR.MINOR.PATCH version.`);
    }
    const record = await this.#table.version(model, version);
    if (record === undefined) throw new RegistryError('not-found', `"${model}" has no version ${version}.`);
    return record;
  }
}

function hasRole(actor: Actor, roles: readonly string[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

export function validateModelName(name: string): void {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(name)) {
    throw new RegistryError('invalid', `"${name}" is not a model name (lower-case letters, digits and hyphens).`);
  }
}

function newModel(
  name: string,
  at: string,
): { name: string; createdAt: string; latestVersion: null; eventCount: 0; etag: undefined } {
  return { name, createdAt: at, latestVersion: null, eventCount: 0, etag: undefined };
}

function latestOf(current: string | null, candidate: string): string {
  const a = current === null ? undefined : parseSemanticVersion(current);
  const b = parseSemanticVersion(candidate);
  if (a === undefined || b === undefined) return candidate;
  return compareSemanticVersions(b, a) > 0 ? candidate : formatSemanticVersion(a);
}
