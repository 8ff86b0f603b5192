import { signalShape, type Signal, type TrainingParams } from '../model/params.js';
import type { WindowSet } from '../windows.js';

/**
 * The statistical features of the WESAD paper's feature baseline (Schmidt et al., ICMI 2018,
 * section 5: per window and modality the mean, standard deviation, minimum, maximum, dynamic
 * range and slope), computed here per wrist signal of a window. The paper adds modality-specific
 * features (heart rate variability from BVP peaks, SCR counts from EDA, frequency-domain ACC);
 * those need the raw streams, and the window sets hold z-scored resampled windows, so this is
 * the statistical subset, named as such in the report.
 */
export const featureNames = ['mean', 'std', 'min', 'max', 'range', 'slope'] as const;

/** The feature columns of the params' signals, in order: `EDA_mean`, `EDA_std`, … (one block per channel beyond the first). */
export function featureColumns(params: Pick<TrainingParams, 'signals' | 'input_shapes'>): string[] {
  return params.signals.flatMap((signal) => {
    const { channels } = signalShape(params, signal);
    return Array.from({ length: channels }, (_, channel) =>
      featureNames.map((name) => `${signal}${channels > 1 ? `_${channel}` : ''}_${name}`),
    ).flat();
  });
}

/** One row of features per window. */
export function windowFeatures(
  windows: WindowSet,
  params: Pick<TrainingParams, 'signals' | 'input_shapes'>,
): number[][] {
  const rows: number[][] = Array.from({ length: windows.count }, () => []);
  for (const signal of params.signals) {
    const values = windows.signals[signal];
    if (values === undefined) throw new RangeError(`The windows hold no ${signal}.`);
    const { length, channels } = signalShape(params, signal);
    if (values.length !== windows.count * length * channels) {
      throw new RangeError(`${signal}: expected ${windows.count}×${length}×${channels} values, got ${values.length}`);
    }
    for (let window = 0; window < windows.count; window++) {
      const row = rows[window] ?? [];
      for (let channel = 0; channel < channels; channel++) {
        row.push(...statistics(values, window * length * channels + channel, channels, length));
      }
    }
  }
  return rows;
}

/** Mean, population std, min, max, range and least-squares slope per sample of `length` values `stride` apart. */
export function statistics(values: ArrayLike<number>, start: number, stride: number, length: number): number[] {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const value = values[start + i * stride] ?? 0;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / length;
  const centre = (length - 1) / 2;
  let squares = 0;
  let covariance = 0;
  let timeSquares = 0;
  for (let i = 0; i < length; i++) {
    const deviation = (values[start + i * stride] ?? 0) - mean;
    squares += deviation * deviation;
    covariance += (i - centre) * deviation;
    timeSquares += (i - centre) * (i - centre);
  }
  return [mean, Math.sqrt(squares / length), min, max, max - min, timeSquares === 0 ? 0 : covariance / timeSquares];
}

export type { Signal };
