import type { Signal, WindowSet } from '../training/index.js';
import type { SignalStatistics } from '../wesad/preprocess/normalisation.js';
import type { WristSignalName } from '../wesad/recording.js';
import { describeProblem, valueProblem, type ValueProblem } from './signalRanges.js';

/**
 * Which windows of a recording hold only usable values: each window's reason for being excluded
 * (null when usable). A value is checked in the units the wrist measured (z · std + mean, with the
 * statistics of the recording's own z-scoring), so non-finite statistics — what a stream with
 * values such as 1e300 produces — exclude every window of that signal.
 */
export function windowValidity(
  windows: WindowSet,
  signals: readonly Signal[],
  normalisation: Partial<Record<WristSignalName, SignalStatistics>>,
): (string | null)[] {
  const reasons: (string | null)[] = new Array<string | null>(windows.count).fill(null);
  if (windows.count === 0) return reasons;
  for (const signal of signals) {
    const values = windows.signals[signal];
    const statistics = normalisation[signal];
    if (values === undefined) continue;
    const length = values.length / windows.count;
    for (let window = 0; window < windows.count; window += 1) {
      const counts: Record<ValueProblem, number> = { 'non-finite': 0, 'out-of-range': 0 };
      for (let index = window * length; index < (window + 1) * length; index += 1) {
        const raw =
          statistics === undefined ? Number.NaN : (values[index] ?? Number.NaN) * statistics.std + statistics.mean;
        const problem = valueProblem(signal, raw);
        if (problem !== undefined) counts[problem] += 1;
      }
      const problem = counts['non-finite'] > 0 ? 'non-finite' : counts['out-of-range'] > 0 ? 'out-of-range' : undefined;
      if (problem !== undefined && reasons[window] === null) {
        reasons[window] = describeProblem(signal, problem, counts[problem]);
      }
    }
  }
  return reasons;
}
