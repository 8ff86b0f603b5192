import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { ModelVersion } from '../registry/registryRecords.js';
import type { Signal, WindowSet } from '../training/index.js';
import type { SignalStatistics } from '../wesad/preprocess/normalisation.js';
import type { WristSignalName } from '../wesad/recording.js';
import type { DriftConfig } from './driftConfig.js';
import type { InputProfile } from './inputProfile.js';
import { rawSignalValues } from './rawSignalValues.js';
import { driftScores, type DriftScores } from './signalDrift.js';
import { DriftHistory, type DriftPoint } from './driftHistory.js';

/** The drift part of a prediction's answer: scores, or why there are none (never a made-up score). */
export type PredictionDrift =
  | ({ available: true; windows: number } & DriftScores)
  | { available: false; reason: 'no-input-profile' | 'no-windows'; detail: string };

/** The windows a prediction ran on, with the statistics their z-scoring used. */
export interface PredictionRecording {
  kind: DriftPoint['inputKind'];
  windows: WindowSet;
  signals: readonly Signal[];
  normalisation: Partial<Record<WristSignalName, SignalStatistics>>;
}

/**
 * Scores the recording against the training profile of the version's run (read by the caller,
 * which caches it with the model) and appends the scores to the version's drift series. Versions
 * whose run has no profile (registered before profiles were recorded, or imported) answer why instead.
 */
export async function predictionDrift(
  storage: StorageClients,
  version: ModelVersion,
  profile: InputProfile | undefined,
  recording: PredictionRecording,
  config: DriftConfig,
  now: Date = new Date(),
): Promise<PredictionDrift> {
  if (profile === undefined) {
    return {
      available: false,
      reason: 'no-input-profile',
      detail: `Run ${version.runId} of ${version.model}@${version.version} recorded no training input profile.`,
    };
  }
  if (recording.windows.count === 0) {
    return { available: false, reason: 'no-windows', detail: 'The recording is shorter than one window.' };
  }
  const values = new Map<Signal, Float64Array>();
  for (const signal of recording.signals) {
    const windows = recording.windows.signals[signal];
    if (windows === undefined) throw new Error(`The recording has no ${signal} windows.`);
    values.set(signal, rawSignalValues(windows, recording.normalisation[signal], `The recording's ${signal}`));
  }
  const scores = driftScores(profile, values, config.shiftThreshold);
  await new DriftHistory(storage).append(version.model, version.version, scores, {
    createdAt: now,
    inputKind: recording.kind,
    windows: recording.windows.count,
  });
  return { available: true, windows: recording.windows.count, ...scores };
}
