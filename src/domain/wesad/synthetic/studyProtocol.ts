import type { SyntheticRandom } from './syntheticRandom.js';

export interface ProtocolSegment {
  /** WESAD label code: 0 transient, 1 baseline, 2 stress, 3 amusement, 4 meditation, 6 ignored (reading). */
  label: number;
  /** Name in the quest ORDER row, or undefined for transients. */
  phase: string | undefined;
  startSeconds: number;
  endSeconds: number;
}

/**
 * Durations of the real study in seconds (baseline ~20 min, TSST ~10 min, amusement ~6.5 min,
 * two guided meditations ~7 min, a short reading task), with the transient gaps between them.
 * Subjects did the study in one of two orders: stress before or after amusement.
 */
const STRESS_FIRST: readonly [number, string | undefined, number][] = [
  [0, undefined, 150],
  [1, 'Base', 1170],
  [0, undefined, 300],
  [2, 'TSST', 640],
  [0, undefined, 240],
  [4, 'Medi 1', 400],
  [0, undefined, 120],
  [3, 'Fun', 390],
  [0, undefined, 90],
  [4, 'Medi 2', 400],
  [0, undefined, 100],
  [6, 'sRead', 80],
  [0, undefined, 60],
];

const AMUSEMENT_FIRST: readonly [number, string | undefined, number][] = [
  [0, undefined, 150],
  [1, 'Base', 1170],
  [0, undefined, 120],
  [3, 'Fun', 390],
  [0, undefined, 90],
  [4, 'Medi 1', 400],
  [0, undefined, 300],
  [2, 'TSST', 640],
  [0, undefined, 240],
  [4, 'Medi 2', 400],
  [0, undefined, 100],
  [6, 'sRead', 80],
  [0, undefined, 60],
];

/** The study protocol scaled to `seconds`, each phase's length jittered by ±10 %. */
export function studyProtocol(seconds: number, random: SyntheticRandom): ProtocolSegment[] {
  const template = random.next() < 0.5 ? STRESS_FIRST : AMUSEMENT_FIRST;
  const lengths = template.map(([, , length]) => length * random.uniform(0.9, 1.1));
  const scale = seconds / lengths.reduce((a, b) => a + b, 0);
  const segments: ProtocolSegment[] = [];
  let start = 0;
  template.forEach(([label, phase], i) => {
    const end = i === template.length - 1 ? seconds : start + (lengths[i] ?? 0) * scale;
    segments.push({ label, phase, startSeconds: start, endSeconds: end });
    start = end;
  });
  return segments;
}

/** The 700 Hz label array of a protocol. */
export function protocolLabels(segments: readonly ProtocolSegment[], seconds: number, rateHz: number): Int32Array {
  const labels = new Int32Array(Math.round(seconds * rateHz));
  for (const segment of segments) {
    labels.fill(segment.label, Math.round(segment.startSeconds * rateHz), Math.round(segment.endSeconds * rateHz));
  }
  return labels;
}
