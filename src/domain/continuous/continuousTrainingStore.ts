import { odata, type TableClient } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { isStatus, unlessNotFound } from '../../platform/storage/restErrors.js';
import { HttpProblem } from '../../platform/http/httpProblem.js';
import {
  continuousTrainingSettingsSchema,
  defaultSettings,
  type ContinuousTrainingSettings,
} from './continuousTrainingSettings.js';

export const experimentsTable = 'experiments';
const settingsRow = 'continuous-training';
/** Kept apart from the settings row so the orchestration's writes never race a researcher's edit. */
const stateRow = 'continuous-training-state';

export interface ExperimentSettings {
  experiment: string;
  settings: ContinuousTrainingSettings;
  /** `default` until someone stores settings for the experiment. */
  source: 'stored' | 'default';
  /** Send as If-Match to change the settings only if nobody else has meanwhile. */
  etag: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** What continuous training last did for an experiment: the data it trained on, so the same data never trains twice. */
export interface ContinuousTrainingState {
  lastSnapshotHash: string | null;
  lastRunId: string | null;
  lastRunAt: string | null;
}

interface SettingsEntity {
  partitionKey: string;
  rowKey: string;
  experiment: string;
  enabled: boolean;
  settingsJson: string;
  updatedBy: string;
  updatedAt: string;
}

interface StateEntity extends ContinuousTrainingState {
  partitionKey: string;
  rowKey: string;
}

/** Per experiment (the partition): its continuous-training settings and state. */
export class ContinuousTrainingStore {
  constructor(
    private readonly storage: StorageClients,
    /** The experiment that is on while it has no stored settings (CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT). */
    private readonly defaultExperiment: string | undefined,
  ) {}

  async settings(experiment: string): Promise<ExperimentSettings> {
    const table = await this.#table();
    const entity = await unlessNotFound(() => table.getEntity<SettingsEntity>(tableKeyOf(experiment), settingsRow));
    if (entity === undefined) {
      return {
        experiment,
        settings: defaultSettings(experiment === this.defaultExperiment),
        source: 'default',
        etag: null,
        updatedBy: null,
        updatedAt: null,
      };
    }
    return {
      experiment,
      settings: continuousTrainingSettingsSchema.parse(JSON.parse(entity.settingsJson)),
      source: 'stored',
      etag: entity.etag,
      updatedBy: entity.updatedBy,
      updatedAt: entity.updatedAt,
    };
  }

  /** Stores the settings; with `expectedEtag` only over the version the caller read (else a 409). */
  async saveSettings(
    experiment: string,
    settings: ContinuousTrainingSettings,
    actorId: string,
    expectedEtag: string | undefined,
    now = new Date(),
  ): Promise<ExperimentSettings> {
    const table = await this.#table();
    const entity: SettingsEntity = {
      partitionKey: tableKeyOf(experiment),
      rowKey: settingsRow,
      experiment,
      enabled: settings.enabled,
      settingsJson: JSON.stringify(settings),
      updatedBy: actorId,
      updatedAt: now.toISOString(),
    };
    try {
      if (expectedEtag === undefined) await table.upsertEntity(entity, 'Replace');
      else await table.updateEntity(entity, 'Replace', { etag: expectedEtag });
    } catch (error: unknown) {
      if (isStatus(error, 412) || isStatus(error, 404)) {
        throw new HttpProblem(
          'conflict',
          `The continuous-training settings of "${experiment}" changed since ETag ${expectedEtag ?? ''}; read them again.`,
        );
      }
      throw error;
    }
    return this.settings(experiment);
  }

  /** Experiments whose new data should start training: stored as enabled, plus the default one unless configured. */
  async enabledExperiments(): Promise<string[]> {
    const table = await this.#table();
    const enabled: string[] = [];
    let defaultConfigured = false;
    for await (const entity of table.listEntities<SettingsEntity>({
      queryOptions: { filter: odata`RowKey eq ${settingsRow}`, select: ['experiment', 'enabled'] },
    })) {
      if (entity.experiment === this.defaultExperiment) defaultConfigured = true;
      if (entity.enabled) enabled.push(entity.experiment);
    }
    if (this.defaultExperiment !== undefined && !defaultConfigured) enabled.push(this.defaultExperiment);
    return enabled.sort();
  }

  async state(experiment: string): Promise<ContinuousTrainingState> {
    const table = await this.#table();
    const entity = await unlessNotFound(() => table.getEntity<StateEntity>(tableKeyOf(experiment), stateRow));
    return entity === undefined
      ? { lastSnapshotHash: null, lastRunId: null, lastRunAt: null }
      : { lastSnapshotHash: entity.lastSnapshotHash, lastRunId: entity.lastRunId, lastRunAt: entity.lastRunAt };
  }

  /** Records the run started for a snapshot; writing the same run again changes nothing. */
  async recordRun(experiment: string, state: ContinuousTrainingState): Promise<void> {
    const table = await this.#table();
    const entity: StateEntity = { partitionKey: tableKeyOf(experiment), rowKey: stateRow, ...state };
    await table.upsertEntity(entity, 'Replace');
  }

  async #table(): Promise<TableClient> {
    return this.storage.table(experimentsTable);
  }
}
