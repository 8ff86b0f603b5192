import { WRIST_RATES_HZ, type WristSignals } from '../recording.js';

/**
 * The wesad-wrist-v2 rule for seconds the wrist sensor cannot have measured a worn wrist
 * (docs/preprocessing.md states it for people; this is the rule itself). A recording second
 * [s, s+1) is excluded when, in that second:
 * - a TEMP sample lies outside 20–42 °C: skin under a worn E4 stays far inside this range, and
 *   the E4 starts with readings such as 382.18 °C while the sensor settles;
 * - an EDA sample is negative or above 100 µS, the E4's measuring range (0.01–100 µS);
 * - an ACC axis is at the ±2 g full scale of the 8-bit sensor (≤ −128 or ≥ 127 in 1/64 g), so the
 *   true value is unknown;
 * - the ACC is flat: all three axes unchanged for at least 60 s. A worn wrist moves within a
 *   minute at the sensor's 1/64 g resolution; a device lying on a table does not. (Shorter runs
 *   are left alone: a wrist resting during meditation can read the same for several seconds.)
 * Time is counted from the first sample of the streams, which start together.
 */
export const ARTEFACT_RULE = {
  name: 'wesad-wrist-v2',
  tempCelsius: { min: 20, max: 42 },
  edaMicrosiemens: { min: 0, max: 100 },
  accFullScale: { min: -128, max: 127 },
  accFlatSeconds: 60,
} as const;

export type ArtefactReason = 'temp-implausible' | 'eda-implausible' | 'acc-saturated' | 'acc-flat';

const REASON_BITS: readonly [ArtefactReason, number][] = [
  ['temp-implausible', 1],
  ['eda-implausible', 2],
  ['acc-saturated', 4],
  ['acc-flat', 8],
];

/** A run of consecutive excluded seconds, [startSeconds, endSeconds), with what was seen in it. */
export interface ExcludedSegment {
  startSeconds: number;
  endSeconds: number;
  reasons: ArtefactReason[];
}

/** What the v2 rule found in a recording: the manifest records it, windows and statistics obey it. */
export interface ArtefactReport {
  rule: typeof ARTEFACT_RULE;
  /** Whole seconds excluded, at most one count per second whatever the reasons. */
  excludedSeconds: number;
  segments: ExcludedSegment[];
}

/** Per recording second, the reasons it is excluded (a bit each); 0 means clean. */
export class ArtefactMask {
  private constructor(private readonly bits: Uint8Array) {}

  static of(wrist: WristSignals): ArtefactMask {
    const seconds = Math.ceil(
      Math.max(
        wrist.EDA.length / WRIST_RATES_HZ.EDA,
        wrist.TEMP.length / WRIST_RATES_HZ.TEMP,
        wrist.ACC.length / 3 / WRIST_RATES_HZ.ACC,
        wrist.BVP.length / WRIST_RATES_HZ.BVP,
      ),
    );
    const bits = new Uint8Array(seconds);
    const { tempCelsius, edaMicrosiemens } = ARTEFACT_RULE;
    markOutOfRange(bits, wrist.TEMP, WRIST_RATES_HZ.TEMP, tempCelsius.min, tempCelsius.max, 1);
    markOutOfRange(bits, wrist.EDA, WRIST_RATES_HZ.EDA, edaMicrosiemens.min, edaMicrosiemens.max, 2);
    markSaturatedAcc(bits, wrist.ACC);
    markFlatAcc(bits, wrist.ACC);
    return new ArtefactMask(bits);
  }

  /** Whether the recording second containing `seconds` is excluded (seconds past the end are not). */
  excludes(seconds: number): boolean {
    return (this.bits[Math.floor(seconds)] ?? 0) !== 0;
  }

  /** Whether [from, to) (recording seconds) overlaps no excluded second. */
  isClean(from: number, to: number): boolean {
    for (let second = Math.max(0, Math.floor(from)); second < Math.ceil(to); second += 1) {
      if ((this.bits[second] ?? 0) !== 0) return false;
    }
    return true;
  }

  report(): ArtefactReport {
    const segments: ExcludedSegment[] = [];
    let excludedSeconds = 0;
    let open: { start: number; bits: number } | undefined;
    for (let second = 0; second <= this.bits.length; second += 1) {
      const bits = this.bits[second] ?? 0;
      if (bits !== 0) {
        excludedSeconds += 1;
        if (open === undefined) open = { start: second, bits };
        else open.bits |= bits;
      } else if (open !== undefined) {
        const reasons = REASON_BITS.filter(([, bit]) => (open?.bits ?? 0) & bit).map(([reason]) => reason);
        segments.push({ startSeconds: open.start, endSeconds: second, reasons });
        open = undefined;
      }
    }
    return { rule: ARTEFACT_RULE, excludedSeconds, segments };
  }
}

function markOutOfRange(bits: Uint8Array, values: Float64Array, rate: number, min: number, max: number, bit: number) {
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? 0;
    if (value < min || value > max) bits[Math.floor(i / rate)] = (bits[Math.floor(i / rate)] ?? 0) | bit;
  }
}

function markSaturatedAcc(bits: Uint8Array, acc: Float64Array): void {
  const { min, max } = ARTEFACT_RULE.accFullScale;
  for (let i = 0; i < acc.length; i += 1) {
    const value = acc[i] ?? 0;
    if (value <= min || value >= max) {
      const second = Math.floor(Math.floor(i / 3) / WRIST_RATES_HZ.ACC);
      bits[second] = (bits[second] ?? 0) | 4;
    }
  }
}

/** Marks every second touched by a run of identical ACC rows at least accFlatSeconds long. */
function markFlatAcc(bits: Uint8Array, acc: Float64Array): void {
  const rows = acc.length / 3;
  const minimumRows = ARTEFACT_RULE.accFlatSeconds * WRIST_RATES_HZ.ACC;
  let runStart = 0;
  for (let row = 1; row <= rows; row += 1) {
    const same =
      row < rows &&
      acc[3 * row] === acc[3 * runStart] &&
      acc[3 * row + 1] === acc[3 * runStart + 1] &&
      acc[3 * row + 2] === acc[3 * runStart + 2];
    if (same) continue;
    if (row - runStart >= minimumRows) {
      const last = Math.floor((row - 1) / WRIST_RATES_HZ.ACC);
      for (let second = Math.floor(runStart / WRIST_RATES_HZ.ACC); second <= last; second += 1) {
        bits[second] = (bits[second] ?? 0) | 8;
      }
    }
    runStart = row;
  }
}
