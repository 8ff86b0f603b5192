import type { SyntheticRandom } from './syntheticRandom.js';
import type { ProtocolSegment } from './studyProtocol.js';

/** How one synthetic person reacts; drawn per subject so levels overlap across people. */
export interface SubjectPhysiology {
  heartRateBpm: number;
  stressHeartRateBpm: number;
  amusementHeartRateBpm: number;
  meditationHeartRateBpm: number;
  bvpAmplitude: number;
  stressBvpGain: number;
  bvpNoise: number;
  edaMicrosiemens: number;
  stressEdaGain: number;
  scrPerMinute: number;
  stressScrFactor: number;
  skinTemperature: number;
  stressTemperatureDrop: number;
  restingMovementG: number;
}

export function drawPhysiology(random: SyntheticRandom): SubjectPhysiology {
  return {
    heartRateBpm: random.uniform(60, 82),
    stressHeartRateBpm: random.uniform(7, 20),
    amusementHeartRateBpm: random.uniform(0, 5),
    meditationHeartRateBpm: -random.uniform(1, 6),
    bvpAmplitude: random.uniform(25, 90),
    stressBvpGain: random.uniform(0.05, 0.25),
    bvpNoise: random.uniform(0.05, 0.15),
    edaMicrosiemens: Math.exp(random.uniform(Math.log(0.3), Math.log(5))),
    stressEdaGain: random.uniform(0.2, 0.8),
    scrPerMinute: random.uniform(1, 3),
    stressScrFactor: random.uniform(1.8, 3.5),
    skinTemperature: random.uniform(31.5, 34.5),
    stressTemperatureDrop: random.uniform(0.15, 0.7),
    restingMovementG: random.uniform(0.01, 0.03),
  };
}

export interface WristStreams {
  /** rows × 3, integers in 1/64 g, 32 Hz. */
  ACC: Float64Array;
  BVP: Float64Array;
  EDA: Float64Array;
  TEMP: Float64Array;
  /** Heart rate at 4 Hz, used for the chest ECG and the E4 HR/IBI exports. */
  heartRate: Float64Array;
}

/** Condition levels that drive the signals, each following its target with a first-order lag. */
interface Drives {
  stress: Float64Array;
  amusement: Float64Array;
  meditation: Float64Array;
  movement: Float64Array;
}

const DRIVE_RATE_HZ = 4;

const MOVEMENT_BY_LABEL: Readonly<Record<number, number>> = { 0: 2, 1: 1, 2: 1.5, 3: 1.3, 4: 0.6, 6: 1 };

/**
 * Slow processes (arousal build-up and recovery, drifts) run faster in shortened recordings, so a
 * 5-minute test subject shows the same contrast as the 100-minute study, just compressed.
 */
export function timeScale(recordingSeconds: number): number {
  return Math.min(1, Math.max(0.1, recordingSeconds / 6000));
}

function drives(segments: readonly ProtocolSegment[], seconds: number): Drives {
  const scale = timeScale(seconds);
  const n = Math.round(seconds * DRIVE_RATE_HZ);
  const out: Drives = {
    stress: new Float64Array(n),
    amusement: new Float64Array(n),
    meditation: new Float64Array(n),
    movement: new Float64Array(n),
  };
  let stress = 0;
  let amusement = 0;
  let meditation = 0;
  let movement = 1;
  let segment = 0;
  const dt = 1 / DRIVE_RATE_HZ;
  for (let i = 0; i < n; i += 1) {
    const t = i * dt;
    while ((segments[segment]?.endSeconds ?? Infinity) <= t && segment < segments.length - 1) segment += 1;
    const label = segments[segment]?.label ?? 0;
    // Arousal builds within a minute and fades more slowly, as skin conductance and heart rate do.
    stress += (Number(label === 2) - stress) * (1 - Math.exp(-dt / ((label === 2 ? 40 : 90) * scale)));
    amusement += (Number(label === 3) - amusement) * (1 - Math.exp(-dt / (20 * scale)));
    meditation += (Number(label === 4) - meditation) * (1 - Math.exp(-dt / (60 * scale)));
    movement += ((MOVEMENT_BY_LABEL[label] ?? 1) - movement) * (1 - Math.exp(-dt / 5));
    out.stress[i] = stress;
    out.amusement[i] = amusement;
    out.meditation[i] = meditation;
    out.movement[i] = movement;
  }
  return out;
}

/** Ornstein–Uhlenbeck noise: slow, bounded wandering with the given spread and time constant. */
class Wander {
  private value = 0;

  constructor(
    private readonly random: SyntheticRandom,
    private readonly spread: number,
    private readonly tauSeconds: number,
  ) {}

  step(dt: number): number {
    const decay = Math.exp(-dt / this.tauSeconds);
    this.value = this.value * decay + this.spread * Math.sqrt(1 - decay * decay) * this.random.normal();
    return this.value;
  }
}

function at(drive: Float64Array, t: number): number {
  return drive[Math.min(Math.floor(t * DRIVE_RATE_HZ), drive.length - 1)] ?? 0;
}

/**
 * Wrist signals of a session: stress raises skin conductance (tonic level and response rate), heart
 * rate and pulse amplitude, cools the skin and changes movement; amusement and meditation shift
 * them less or the other way. Slow wandering and motion noise keep it from being trivial.
 */
export function wristStreams(
  segments: readonly ProtocolSegment[],
  seconds: number,
  person: SubjectPhysiology,
  random: SyntheticRandom,
): WristStreams {
  const drive = drives(segments, seconds);
  return {
    EDA: electrodermal(drive, seconds, person, random.fork(1)),
    TEMP: skinTemperature(drive, seconds, person, random.fork(2)),
    ...pulse(drive, seconds, person, random.fork(3)),
    ACC: acceleration(drive, seconds, person, random.fork(4)),
  };
}

function electrodermal(
  drive: Drives,
  seconds: number,
  person: SubjectPhysiology,
  random: SyntheticRandom,
): Float64Array {
  const rate = 4;
  const dt = 1 / rate;
  const out = new Float64Array(Math.round(seconds * rate));
  const drift = new Wander(random, 0.25, 400 * timeScale(seconds));
  let rise = 0;
  let decay = 0;
  for (let i = 0; i < out.length; i += 1) {
    const t = i * dt;
    const stress = at(drive.stress, t);
    const amusement = at(drive.amusement, t);
    const responsesPerSecond =
      (person.scrPerMinute / 60) * (1 + (person.stressScrFactor - 1) * stress + 0.5 * amusement);
    if (random.next() < responsesPerSecond * dt) {
      const amplitude = person.edaMicrosiemens * random.uniform(0.03, 0.15);
      rise += amplitude;
      decay += amplitude;
    }
    rise *= Math.exp(-dt / 0.75);
    decay *= Math.exp(-dt / 4);
    const tonic =
      person.edaMicrosiemens *
      (1 + person.stressEdaGain * stress + 0.15 * amusement - 0.1 * at(drive.meditation, t)) *
      Math.exp(drift.step(dt));
    const noisy = tonic + (decay - rise) + 0.004 * person.edaMicrosiemens * random.normal();
    out[i] = Math.max(0.01, Math.round(noisy * 1e6) / 1e6);
  }
  return out;
}

function skinTemperature(
  drive: Drives,
  seconds: number,
  person: SubjectPhysiology,
  random: SyntheticRandom,
): Float64Array {
  const rate = 4;
  const dt = 1 / rate;
  const out = new Float64Array(Math.round(seconds * rate));
  const drift = new Wander(random, 0.25, 600 * timeScale(seconds));
  for (let i = 0; i < out.length; i += 1) {
    const t = i * dt;
    const value =
      person.skinTemperature -
      person.stressTemperatureDrop * at(drive.stress, t) +
      0.15 * at(drive.meditation, t) +
      drift.step(dt) +
      0.01 * random.normal();
    out[i] = Math.round(value * 100) / 100;
  }
  return out;
}

/** A pulse wave: a systolic peak and a smaller diastolic wave per beat, centred on zero. */
function pulseShape(phase: number): number {
  const systolic = Math.exp(-(((phase - 0.15) / 0.07) ** 2));
  const diastolic = 0.35 * Math.exp(-(((phase - 0.42) / 0.09) ** 2));
  return systolic + diastolic - 0.2;
}

function pulse(
  drive: Drives,
  seconds: number,
  person: SubjectPhysiology,
  random: SyntheticRandom,
): { BVP: Float64Array; heartRate: Float64Array } {
  const rate = 64;
  const dt = 1 / rate;
  const bvp = new Float64Array(Math.round(seconds * rate));
  const heartRate = new Float64Array(Math.round(seconds * DRIVE_RATE_HZ));
  const variability = new Wander(random, 3, 20);
  const amplitudeWander = new Wander(random, 0.1, 60);
  let phase = random.next();
  for (let i = 0; i < bvp.length; i += 1) {
    const t = i * dt;
    const stress = at(drive.stress, t);
    const bpm =
      person.heartRateBpm +
      person.stressHeartRateBpm * stress +
      person.amusementHeartRateBpm * at(drive.amusement, t) +
      person.meditationHeartRateBpm * at(drive.meditation, t) +
      2 * Math.sin(2 * Math.PI * 0.25 * t) +
      variability.step(dt);
    phase = (phase + (bpm / 60) * dt) % 1;
    const amplitude = person.bvpAmplitude * (1 + person.stressBvpGain * stress) * (1 + amplitudeWander.step(dt));
    const motion = 1 + Math.max(0, at(drive.movement, t) - 1);
    const value = amplitude * pulseShape(phase) + person.bvpNoise * person.bvpAmplitude * motion * random.normal();
    bvp[i] = Math.round(value * 100) / 100;
    if (i % (rate / DRIVE_RATE_HZ) === 0) heartRate[i / (rate / DRIVE_RATE_HZ)] = bpm;
  }
  return { BVP: bvp, heartRate };
}

function acceleration(
  drive: Drives,
  seconds: number,
  person: SubjectPhysiology,
  random: SyntheticRandom,
): Float64Array {
  const rate = 32;
  const dt = 1 / rate;
  const rows = Math.round(seconds * rate);
  const out = new Float64Array(rows * 3);
  const tremor = [0, 1, 2].map(() => new Wander(random, 1, 0.15));
  // Fidgeting comes and goes in every condition, so movement alone says little about stress.
  const fidget = new Wander(random, 0.5, 20);
  let gravity = randomPosture(random);
  let target = gravity;
  for (let i = 0; i < rows; i += 1) {
    const t = i * dt;
    const movement = at(drive.movement, t);
    // Posture changes (arm moved, hand turned) come more often when the person is active.
    if (random.next() < (movement / 120) * dt) target = randomPosture(random);
    gravity = gravity.map((g, axis) => g + ((target[axis] ?? 0) - g) * (1 - Math.exp(-dt / 1.5)));
    const spread = 64 * person.restingMovementG * movement * Math.exp(fidget.step(dt));
    for (let axis = 0; axis < 3; axis += 1) {
      const value = (gravity[axis] ?? 0) + spread * (tremor[axis]?.step(dt) ?? 0);
      out[i * 3 + axis] = Math.max(-128, Math.min(127, Math.round(value)));
    }
  }
  return out;
}

function randomPosture(random: SyntheticRandom): number[] {
  const direction = [0.45 + 0.3 * random.normal(), -0.1 + 0.3 * random.normal(), 0.85 + 0.3 * random.normal()];
  const norm = Math.hypot(...direction);
  return direction.map((component) => (64 * component) / norm);
}
