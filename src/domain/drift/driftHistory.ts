import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { isStatus } from '../../platform/storage/restErrors.js';
import { tableKeyOf } from '../../platform/storage/tableKeys.js';
import { tablePage } from '../../platform/storage/tablePages.js';
import type { Signal } from '../training/index.js';
import type { DriftScores } from './signalDrift.js';

export const driftTable = 'drift';

/**
 * One prediction's drift as kept over time: scores and flags only. Neither the recording's
 * subject nor any signal value is stored, so the series says how inputs moved, not whose.
 */
export interface DriftPoint {
  id: string;
  /** When the prediction was made; also the retention timer's column. */
  createdAt: string;
  inputKind: 'e4-zip' | 'stored';
  windows: number;
  threshold: number;
  flagged: boolean;
  /** `reasons` only where the input itself flagged the signal (non-finite, out of range). */
  signals: Partial<
    Record<Signal, { psi: number | null; meanShiftInStd: number | null; flagged: boolean; reasons?: string[] }>
  >;
}

interface DriftEntity extends TableEntity {
  createdAt: string;
  inputKind: DriftPoint['inputKind'];
  windows: number;
  threshold: number;
  flagged: boolean;
  signalsJson: string;
}

/** Past the last millisecond a JavaScript date can hold, so every inverted time stays positive. */
const LAST_MILLISECOND = 8_640_000_000_000_000;

/**
 * Row keys sort newest first (the table service returns a partition in row-key order), so the
 * first page is the latest drift; the random tail makes each prediction's row its own.
 */
function rowKeyOf(createdAt: Date): string {
  return `${String(LAST_MILLISECOND - createdAt.getTime()).padStart(16, '0')}-${randomUUID()}`;
}

/** Drift points per model version, in the table `drift`, one partition per version. */
export class DriftHistory {
  constructor(private readonly storage: StorageClients) {}

  async #table(): Promise<TableClient> {
    return this.storage.table(driftTable);
  }

  async append(
    model: string,
    version: string,
    scores: DriftScores,
    details: { createdAt: Date; inputKind: DriftPoint['inputKind']; windows: number },
  ): Promise<DriftPoint> {
    const entity: DriftEntity = {
      partitionKey: partitionOf(model, version),
      rowKey: rowKeyOf(details.createdAt),
      createdAt: details.createdAt.toISOString(),
      inputKind: details.inputKind,
      windows: details.windows,
      threshold: scores.threshold,
      flagged: scores.flagged,
      signalsJson: JSON.stringify(
        Object.fromEntries(
          Object.entries(scores.signals).map(([signal, drift]) => [
            signal,
            {
              psi: drift.psi,
              meanShiftInStd: drift.meanShiftInStd,
              flagged: drift.flagged,
              ...(drift.reasons.length > 0 ? { reasons: drift.reasons } : {}),
            },
          ]),
        ),
      ),
    };
    try {
      await (await this.#table()).createEntity(entity);
    } catch (error: unknown) {
      // The key is unique to this request: a conflict means a retried create that had landed.
      if (!isStatus(error, 409)) throw error;
    }
    return pointOf(entity);
  }

  /** A page of a version's drift points, newest first. */
  async page(
    model: string,
    version: string,
    pageSize: number,
    continuationToken: string | undefined,
  ): Promise<{ items: DriftPoint[]; continuationToken: string | undefined }> {
    const partitionKey = partitionOf(model, version);
    const page = await tablePage(
      (await this.#table()).listEntities<DriftEntity>({
        queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` },
      }),
      pageSize,
      continuationToken,
    );
    return { items: page.items.map(pointOf), continuationToken: page.continuationToken };
  }
}

function partitionOf(model: string, version: string): string {
  return tableKeyOf(`${model}@${version}`);
}

function pointOf(entity: DriftEntity): DriftPoint {
  return {
    id: entity.rowKey,
    createdAt: entity.createdAt,
    inputKind: entity.inputKind,
    windows: entity.windows,
    threshold: entity.threshold,
    flagged: entity.flagged,
    signals: JSON.parse(entity.signalsJson) as DriftPoint['signals'],
  };
}
