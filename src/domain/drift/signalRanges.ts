import type { Signal } from '../training/index.js';

/** The values a worn E4 can produce for a signal, in the units drift works in (after preprocessing). */
export interface SignalRange {
  min: number;
  max: number;
  unit: string;
}

/**
 * Bounds outside which a value is not a measurement: a sensor artefact, a fault, or fabricated
 * input (1e300). They are deliberately wide, the sensor's own range or beyond, so a real
 * recording never loses a window to them except where the sensor misread:
 * - EDA: the E4's electrodermal sensor spans 0.01–100 µS (Empatica E4 specifications); 0 is what
 *   it writes off the skin.
 * - TEMP: wrist skin temperature of a wearer lies far inside 0–50 °C; the E4's start-up
 *   artefact (382.18, design/wesad.md) falls outside and is excluded here.
 * - ACC: magnitude in g of three axes of ±2 g each (8-bit, 1/64 g): at most 2·√3 ≈ 3.46 g; 4 g
 *   leaves a margin.
 * - BVP: a filtered photoplethysmogram in arbitrary units, with no published range; WESAD's
 *   wrist BVP stays within a few hundred units at rest and a few thousand under motion, and the
 *   synthetic subjects within ±200, so ±10,000 only catches what cannot be a pulse wave.
 */
export const SIGNAL_RANGES: Readonly<Record<Signal, SignalRange>> = {
  EDA: { min: 0, max: 100, unit: 'µS' },
  TEMP: { min: 0, max: 50, unit: '°C' },
  ACC: { min: 0, max: 4, unit: 'g' },
  BVP: { min: -10_000, max: 10_000, unit: 'a.u.' },
};

export type ValueProblem = 'non-finite' | 'out-of-range';

/** Why a raw value cannot be used, or undefined when it can. */
export function valueProblem(signal: Signal, value: number): ValueProblem | undefined {
  if (!Number.isFinite(value)) return 'non-finite';
  const range = SIGNAL_RANGES[signal];
  return value < range.min || value > range.max ? 'out-of-range' : undefined;
}

export function describeProblem(signal: Signal, problem: ValueProblem, count: number): string {
  const range = SIGNAL_RANGES[signal];
  return problem === 'non-finite'
    ? `${signal}: ${count} value(s) not finite`
    : `${signal}: ${count} value(s) outside ${range.min}…${range.max} ${range.unit}`;
}
