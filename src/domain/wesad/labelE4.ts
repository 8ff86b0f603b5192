import type { E4Recording } from './e4/e4Recording.js';
import type { ProtocolPhase } from './e4/questTimeline.js';
import { ArtefactMask, type ArtefactReport } from './preprocess/artefacts.js';
import { cleanWindows, prepareCleanStreams } from './preprocess/cleanStreams.js';
import { LabelRuns } from './preprocess/labelRuns.js';
import { WINDOW_RATES_HZ, resolveParameters, type WindowParameters } from './preprocess/parameters.js';
import { roundHalfEven } from './preprocess/pythonRound.js';
import {
  labelledWindowsOfStreams,
  prepareStreams,
  streamsDuration,
  type WindowStreams,
} from './preprocess/windowing.js';
import { packageWindowSet, type ProcessedWindowSet, type SourceDescription } from './preprocess/windowSetOutput.js';
import { LABEL_RATE_HZ, type WristSignalName } from './recording.js';
import type { NormalisedStream } from './preprocess/normalisation.js';

/**
 * Windows that start or end closer than this to a condition boundary of the quest file are left
 * out: the quest times have whole-second resolution, a clock-derived offset can be off by a few
 * seconds, and the first seconds of a condition are still the transition into it.
 */
export const BOUNDARY_MARGIN_SECONDS = 10;

/** How the E4's clock relates to the quest file's, and who said so. */
export interface E4Offset {
  /** Seconds from the E4 recording's start to the chest device's start (quest time 0). */
  offsetSeconds: number;
  source: 'stated' | 'pickle' | 'respiban';
}

export interface E4LabellingContext {
  subject: string;
  source: SourceDescription;
  parameters?: Partial<WindowParameters>;
  warnings: string[];
}

/**
 * An E4 export + the subject's protocol (quest phases, in seconds from the chest start) + the
 * offset between the two clocks → a labelled window set on the quest's time base: windows start
 * every step from the chest start (t.npy in seconds from it, as for a pickle), and a window gets a
 * phase's label when it lies inside the phase shrunk by BOUNDARY_MARGIN_SECONDS at both ends;
 * windows elsewhere (transients, reading, the export's extra minutes) are left out, and labels
 * follow the same rule as the pickle's (stress → 1; baseline, amusement, and meditation if asked → 0).
 * The z-scores use the whole export (its clean seconds under wesad-wrist-v2).
 */
export function labelledE4WindowSet(
  recording: E4Recording,
  phases: readonly ProtocolPhase[],
  offset: E4Offset,
  context: E4LabellingContext,
): ProcessedWindowSet {
  const parameters = resolveParameters(context.parameters);
  const mask = parameters.format === 'wesad-wrist-v2' ? ArtefactMask.of(recording.wrist) : undefined;
  const whole =
    mask === undefined
      ? prepareStreams(recording.wrist, parameters.signals)
      : prepareCleanStreams(recording.wrist, parameters.signals, mask);
  // The streams start at quest time `origin`: the chest start, or the E4 start if it started later.
  const cropSeconds = Math.max(0, offset.offsetSeconds);
  const origin = Math.max(0, -offset.offsetSeconds);
  const streams = cropped(whole, cropSeconds);
  const labels = phaseLabels(phases, origin, streamsDuration(streams));
  const set = labelledWindowsOfStreams(streams, labels, parameters, {
    ...(mask === undefined ? {} : { acceptWindow: cleanWindows(mask, parameters.windowSeconds, cropSeconds) }),
  });
  const artefacts: ArtefactReport | undefined = mask?.report();
  return packageWindowSet(
    { ...set, t: set.t.map((t0) => origin + t0) },
    {
      subject: context.subject,
      parameters,
      warnings: context.warnings,
      source: context.source,
      details: {
        startUnix: recording.startUnix,
        labelling: {
          timeBase: 'seconds from the chest device start (quest file times)',
          offsetSeconds: offset.offsetSeconds,
          offsetSource: offset.source,
          boundaryMarginSeconds: BOUNDARY_MARGIN_SECONDS,
          phases: phases.map(({ name, label, startSeconds, endSeconds }) => ({
            name,
            label,
            startSeconds,
            endSeconds,
          })),
        },
      },
      ...(artefacts === undefined ? {} : { artefacts }),
    },
  );
}

/** Each stream from `seconds` on (its statistics stay those of the whole export). */
function cropped(streams: WindowStreams, seconds: number): WindowStreams {
  const out = new Map<WristSignalName, NormalisedStream>();
  for (const [name, stream] of streams) {
    const from = Math.min(roundHalfEven(WINDOW_RATES_HZ[name] * seconds), stream.z.length);
    out.set(name, { z: stream.z.subarray(from), statistics: stream.statistics });
  }
  return out;
}

/**
 * A 700 Hz label over [origin, origin + duration) of quest time: each labelled phase's code inside
 * [start + margin, end − margin), 0 (transient) elsewhere; reading phases (no code) stay 0.
 */
export function phaseLabels(phases: readonly ProtocolPhase[], origin: number, durationSeconds: number): LabelRuns {
  const total = Math.floor(durationSeconds * LABEL_RATE_HZ);
  const spans = phases
    .filter((phase) => phase.label !== null)
    .map((phase) => ({
      code: phase.label ?? 0,
      from: clamp(roundHalfEven((phase.startSeconds + BOUNDARY_MARGIN_SECONDS - origin) * LABEL_RATE_HZ), total),
      to: clamp(roundHalfEven((phase.endSeconds - BOUNDARY_MARGIN_SECONDS - origin) * LABEL_RATE_HZ), total),
    }))
    .filter((span) => span.to > span.from)
    .sort((a, b) => a.from - b.from);
  const runs = new LabelRuns();
  let at = 0;
  for (const span of spans) {
    const from = Math.max(span.from, at);
    runs.pushRun(0, from - at);
    runs.pushRun(span.code, span.to - from);
    at = Math.max(at, span.to);
  }
  runs.pushRun(0, total - at);
  return runs;
}

function clamp(sample: number, total: number): number {
  return Math.min(Math.max(sample, 0), total);
}
