import {
  float64Source,
  int32Source,
  writeWesadPickle,
  type PickleTree,
} from '../../../../src/domain/wesad/synthetic/pickleWriter.js';
import { concatPieces } from './streams.js';

/** A small, valid subject tree (20 s, baseline then stress), to break one piece at a time. */
export function subjectTree(seconds = 20): {
  signal: { wrist: Record<string, PickleTree> };
  label: PickleTree;
  subject: string;
} {
  const ramp = (n: number, scale: number): Float64Array =>
    Float64Array.from({ length: n }, (_, i) => scale * Math.sin(i / 7));
  const labels = Int32Array.from({ length: seconds * 700 }, (_, i) => (i < seconds * 350 ? 1 : 2));
  const acc = Float64Array.from({ length: seconds * 32 * 3 }, (_, i) => [30, -5, 55][i % 3] ?? 0);
  return {
    signal: {
      wrist: {
        ACC: float64Source(acc, [seconds * 32, 3]),
        BVP: float64Source(ramp(seconds * 64, 40), [seconds * 64, 1]),
        EDA: float64Source(
          ramp(seconds * 4, 0.2).map((v) => v + 1),
          [seconds * 4, 1],
        ),
        TEMP: float64Source(
          ramp(seconds * 4, 0.1).map((v) => v + 33),
          [seconds * 4, 1],
        ),
      },
    },
    label: int32Source(labels, [labels.length]),
    subject: 'S70',
  };
}

export function pickleBytes(tree: PickleTree): Uint8Array {
  return concatPieces(writeWesadPickle(tree));
}
