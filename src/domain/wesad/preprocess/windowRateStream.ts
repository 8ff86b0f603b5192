import { summariseWrist, type NonFiniteSample, type WristSignalName, type WristStreamSummary } from '../recording.js';
import { normalisedStream, type NormalisedStream } from './normalisation.js';
import { atWindowRate } from './resampling.js';

/**
 * A wrist stream at its window rate (see resampling.ts), z-scored with its own statistics, with
 * what validation needs to know of the raw stream it came from. The pickle reader builds it while
 * the raw bytes stream in, so a subject's 3-axis ACC and 64 Hz BVP are never held in full.
 */
export class WindowRateStream implements WristStreamSummary {
  constructor(
    readonly normalised: NormalisedStream,
    readonly rawSamples: number,
    readonly nonFinite: NonFiniteSample | undefined,
  ) {}

  /** The same from a raw stream held in full (small arrays, layouts that cannot be streamed). */
  static of(name: WristSignalName, raw: Float64Array): WindowRateStream {
    const { rawSamples, nonFinite } = summariseWrist(name, raw);
    return new WindowRateStream(normalisedStream(atWindowRate(name, raw)), rawSamples, nonFinite);
  }
}
