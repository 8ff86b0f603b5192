import type { Signal } from '../model/params.js';
import { signalShape } from '../model/params.js';
import type { WindowSet } from '../windows.js';

/**
 * The statistical wrist features of the WESAD paper's baseline (Schmidt et al., ICMI 2018,
 * section 5.1), computed per window from what the window set holds: the per-subject z-scored
 * EDA and TEMP (4 Hz), BVP (pair-averaged to 32 Hz) and ACC magnitude (32 Hz). The paper used
 * 60 s windows (0.25 s for ACC) and SCR decomposition; on the pipeline's 8 s windows these are
 * the features that stay meaningful:
 * - every signal: mean, standard deviation, minimum, maximum, dynamic range, slope (per second);
 * - EDA: mean absolute first difference (phasic activity);
 * - BVP: dominant frequency in the heart-rate band 0.7–3.5 Hz (heart rate / 60) and the share of
 *   the window's power in that band;
 * - ACC: absolute integral (per second) and dominant frequency above 0 Hz.
 */

export const FEATURE_SAMPLE_RATES: Readonly<Record<Signal, number>> = { EDA: 4, TEMP: 4, BVP: 32, ACC: 32 };

const COMMON = ['mean', 'std', 'min', 'max', 'range', 'slope'] as const;
const EXTRA: Readonly<Record<Signal, readonly string[]>> = {
  EDA: ['mean_abs_diff'],
  TEMP: [],
  BVP: ['hr_band_peak_hz', 'hr_band_power_share'],
  ACC: ['abs_integral', 'peak_hz'],
};

/** The feature names, in column order, for the given signals. */
export function featureNames(signals: readonly Signal[]): string[] {
  return signals.flatMap((signal) => [...COMMON, ...EXTRA[signal]].map((name) => `${signal}_${name}`));
}

/** One row of features per window, row-major (`count × featureNames(signals).length`). */
export function wristFeatures(windows: WindowSet, signals: readonly Signal[]): Float64Array {
  const width = featureNames(signals).length;
  const rows = new Float64Array(windows.count * width);
  let column = 0;
  for (const signal of signals) {
    const values = windows.signals[signal];
    if (values === undefined) throw new RangeError(`The windows hold no ${signal}.`);
    const { length, channels } = signalShape({ input_shapes: {} }, signal);
    const samples = values.length / windows.count;
    if (channels !== 1 || samples !== length)
      throw new RangeError(`${signal}: expected ${length} samples per window, got ${samples}.`);
    const rate = FEATURE_SAMPLE_RATES[signal];
    for (let window = 0; window < windows.count; window++) {
      const series = values.subarray(window * samples, (window + 1) * samples);
      const features = [...commonFeatures(series, rate), ...extraFeatures(signal, series, rate)];
      rows.set(features, window * width + column);
    }
    column += COMMON.length + EXTRA[signal].length;
  }
  return rows;
}

function commonFeatures(series: Float32Array, rate: number): number[] {
  const n = series.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of series) {
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / n;
  let squares = 0;
  // Least-squares slope against time in seconds: cov(t, x) / var(t), t centred on the window.
  let covariance = 0;
  let timeSquares = 0;
  const centre = (n - 1) / 2;
  for (let i = 0; i < n; i++) {
    const deviation = (series[i] ?? 0) - mean;
    squares += deviation * deviation;
    const t = (i - centre) / rate;
    covariance += t * deviation;
    timeSquares += t * t;
  }
  return [mean, Math.sqrt(squares / n), min, max, max - min, timeSquares === 0 ? 0 : covariance / timeSquares];
}

function extraFeatures(signal: Signal, series: Float32Array, rate: number): number[] {
  switch (signal) {
    case 'EDA':
      return [meanAbsoluteDifference(series)];
    case 'TEMP':
      return [];
    case 'BVP': {
      const band = dominantFrequency(series, rate, 0.7, 3.5);
      return [band.frequency, band.share];
    }
    case 'ACC': {
      // The absolute integral per second of window: sum |x| / rate over length / rate seconds.
      let integral = 0;
      for (const value of series) integral += Math.abs(value);
      return [integral / series.length, dominantFrequency(series, rate, 1e-9, rate / 2).frequency];
    }
  }
}

function meanAbsoluteDifference(series: Float32Array): number {
  let total = 0;
  for (let i = 1; i < series.length; i++) total += Math.abs((series[i] ?? 0) - (series[i - 1] ?? 0));
  return series.length > 1 ? total / (series.length - 1) : 0;
}

/**
 * The frequency of the largest DFT power in [low, high] Hz (bins of rate / n), and that band's
 * share of the power of the mean-removed window (0 for a flat window). Direct DFT over the band's
 * bins only: an 8 s window has 256 samples and the heart-rate band 23 bins.
 */
function dominantFrequency(
  series: Float32Array,
  rate: number,
  low: number,
  high: number,
): { frequency: number; share: number } {
  const n = series.length;
  let mean = 0;
  for (const value of series) mean += value;
  mean /= n;
  let total = 0;
  for (const value of series) total += (value - mean) ** 2;
  const resolution = rate / n;
  const first = Math.max(1, Math.ceil(low / resolution));
  const last = Math.min(Math.floor(n / 2), Math.floor(high / resolution));
  let bestPower = -1;
  let bestBin = first;
  let bandPower = 0;
  for (let bin = first; bin <= last; bin++) {
    let re = 0;
    let im = 0;
    const step = (2 * Math.PI * bin) / n;
    for (let i = 0; i < n; i++) {
      const centred = (series[i] ?? 0) - mean;
      re += centred * Math.cos(step * i);
      im -= centred * Math.sin(step * i);
    }
    // Parseval: one-sided bins count twice, except the Nyquist bin.
    const power = ((re * re + im * im) / n) * (bin === n / 2 ? 1 : 2);
    bandPower += power;
    if (power > bestPower) {
      bestPower = power;
      bestBin = bin;
    }
  }
  return { frequency: bestBin * resolution, share: total === 0 ? 0 : Math.min(1, bandPower / total) };
}
