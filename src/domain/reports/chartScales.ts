/**
 * Axis ranges and ticks for the report's charts: round steps (1, 2 or 5 times a power of ten) over
 * a range that contains every data point, so no point sits above the top tick, and whole-number
 * ticks for axes that count (epochs), where 2.5 means nothing.
 */

export interface Axis {
  /** The range the plot area spans. */
  min: number;
  max: number;
  ticks: number[];
  /** Decimals that show every tick exactly. */
  decimals: number;
}

const targetTicks = 5;

/** The smallest of 1, 2, 5 × 10^k at least `rough`. */
function roundStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const multiple = [1, 2, 5, 10].find((candidate) => candidate * power >= rough * (1 - 1e-9)) ?? 10;
  return multiple * power;
}

function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * A value axis from `floor` (or below it, when a value is) to a round tick at or above the largest
 * value. `values` may be empty (a chart without data still gets an axis).
 */
export function valueAxis(values: readonly number[], floor = 0): Axis {
  const finite = values.filter(Number.isFinite);
  const low = Math.min(floor, ...finite);
  const high = Math.max(low, ...finite);
  const step = roundStep(high > low ? (high - low) / targetTicks : 1 / targetTicks);
  const min = exact(Math.floor(low / step + 1e-9) * step);
  const max = exact(Math.max(Math.ceil(high / step - 1e-9) * step, min + step));
  return { min, max, ticks: ticksBetween(min, max, step), decimals: decimalsOf(step) };
}

/** A fixed range with round ticks, e.g. [0, 1] for rates and probabilities. */
export function fixedAxis(min: number, max: number): Axis {
  const step = roundStep((max - min) / targetTicks);
  return { min, max, ticks: ticksBetween(min, max, step), decimals: decimalsOf(step) };
}

/**
 * An axis of whole numbers (epochs) from the first to the last value, ticks at whole steps only.
 * A single value is centred in a range one unit either side, with its own tick alone.
 */
export function integerAxis(values: readonly number[]): Axis {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { min: 0, max: 1, ticks: [0, 1], decimals: 0 };
  const first = Math.floor(Math.min(...finite));
  const last = Math.ceil(Math.max(...finite));
  if (first === last) return { min: first - 1, max: last + 1, ticks: [first], decimals: 0 };
  const step = Math.max(1, Math.ceil(roundStep((last - first) / targetTicks)));
  // Counted from the first value, so the axis says where the curve starts (epoch 1, not 0).
  const ticks: number[] = [];
  for (let tick = first; tick <= last; tick += step) ticks.push(tick);
  return { min: first, max: last, ticks, decimals: 0 };
}

function ticksBetween(min: number, max: number, step: number): number[] {
  const count = Math.round((max - min) / step);
  return Array.from({ length: count + 1 }, (_, index) => exact(min + index * step));
}

/** Rounds away binary noise, so 3 × 0.1 is the tick 0.3, not 0.30000000000000004. */
function exact(value: number): number {
  return Number(value.toFixed(12));
}
