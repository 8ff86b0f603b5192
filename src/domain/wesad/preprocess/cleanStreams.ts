import { WesadInputError } from '../errors.js';
import type { WristSignalName, WristSignals } from '../recording.js';
import type { ArtefactMask } from './artefacts.js';
import { normalisedWith, streamStatistics, type NormalisedStream } from './normalisation.js';
import { WINDOW_RATES_HZ } from './parameters.js';
import { atWindowRate } from './resampling.js';
import type { WindowStreams } from './windowing.js';

/**
 * wesad-wrist-v2's streams: each selected signal at its window rate (as v1), z-scored with the
 * mean and standard deviation of the samples in the recording's clean seconds only, so a 382 °C
 * start-up reading cannot stretch TEMP's scale. Every sample is z-scored (the windows that
 * would hold an excluded one are dropped by `cleanWindows`).
 */
export function prepareCleanStreams(
  wrist: WristSignals,
  signals: readonly WristSignalName[],
  mask: ArtefactMask,
): WindowStreams {
  const streams = new Map<WristSignalName, NormalisedStream>();
  for (const name of signals) {
    const values = atWindowRate(name, wrist[name]);
    const rate = WINDOW_RATES_HZ[name];
    const clean = values.filter((_value, index) => !mask.excludes(index / rate));
    if (clean.length === 0) {
      throw new WesadInputError(
        'NO_CLEAN_SIGNAL',
        `Every second of the recording is excluded as a sensor artefact (wesad-wrist-v2); ${name} has no clean sample.`,
      );
    }
    streams.set(name, normalisedWith(values, streamStatistics(clean)));
  }
  return streams;
}

/**
 * Keeps a window only when it overlaps no excluded second. `offsetSeconds` is where the windowed
 * streams start in the recording the mask was made for (a labelled E4 set starts at the chest start).
 */
export function cleanWindows(
  mask: ArtefactMask,
  windowSeconds: number,
  offsetSeconds = 0,
): (startSeconds: number) => boolean {
  return (t0) => mask.isClean(offsetSeconds + t0, offsetSeconds + t0 + windowSeconds);
}
