import { LABEL_RATE_HZ, WRIST_RATES_HZ } from '../recording.js';
import { float64Source, int32Source, writeWesadPickle, type ArraySource, type PickleTree } from './pickleWriter.js';
import { SyntheticRandom } from './syntheticRandom.js';
import { protocolLabels, studyProtocol, type ProtocolSegment } from './studyProtocol.js';
import { drawPhysiology, wristStreams, type SubjectPhysiology, type WristStreams } from './wristPhysiology.js';

export interface SyntheticSubjectOptions {
  subject: string;
  /** Length of the synchronised recording (the pickle); the real subjects have ~6000 s. */
  seconds: number;
  seed: number;
  /** Raw E4 exports run longer than the pickle: this much before and after it. */
  leadInSeconds?: number;
  tailSeconds?: number;
  /** Unix time of the E4 session start. */
  sessionStartUnix?: number;
}

export interface SyntheticSubject {
  subject: string;
  seconds: number;
  seed: number;
  protocol: ProtocolSegment[];
  physiology: SubjectPhysiology;
  /** The whole E4 session (lead-in + recording + tail). */
  session: WristStreams;
  sessionStartUnix: number;
  leadInSeconds: number;
}

/** A generated subject; the same options always give the same signals. */
export function syntheticSubject(options: SyntheticSubjectOptions): SyntheticSubject {
  const random = new SyntheticRandom(options.seed);
  const leadIn = options.leadInSeconds ?? 60;
  const tail = options.tailSeconds ?? 30;
  const protocol = studyProtocol(options.seconds, random.fork(10));
  const physiology = drawPhysiology(random.fork(11));
  const shifted: ProtocolSegment[] = [
    { label: 0, phase: undefined, startSeconds: 0, endSeconds: leadIn },
    ...protocol.map((s) => ({ ...s, startSeconds: s.startSeconds + leadIn, endSeconds: s.endSeconds + leadIn })),
    { label: 0, phase: undefined, startSeconds: leadIn + options.seconds, endSeconds: leadIn + options.seconds + tail },
  ];
  const session = wristStreams(shifted, leadIn + options.seconds + tail, physiology, random.fork(12));
  return {
    subject: options.subject,
    seconds: options.seconds,
    seed: options.seed,
    protocol,
    physiology,
    session,
    sessionStartUnix: options.sessionStartUnix ?? 1_495_437_325 + (options.seed % 1000) * 86_400,
    leadInSeconds: leadIn,
  };
}

/** The wrist streams cut to the synchronised recording, as the pickle holds them. */
export function recordingWrist(subject: SyntheticSubject): Omit<WristStreams, 'heartRate'> {
  const cut = (values: Float64Array, rate: number, columns: number): Float64Array => {
    const from = Math.round(subject.leadInSeconds * rate) * columns;
    return values.slice(from, from + Math.round(subject.seconds * rate) * columns);
  };
  return {
    ACC: cut(subject.session.ACC, WRIST_RATES_HZ.ACC, 3),
    BVP: cut(subject.session.BVP, WRIST_RATES_HZ.BVP, 1),
    EDA: cut(subject.session.EDA, WRIST_RATES_HZ.EDA, 1),
    TEMP: cut(subject.session.TEMP, WRIST_RATES_HZ.TEMP, 1),
  };
}

export interface PickleLayoutOptions {
  /** Include the 700 Hz chest arrays (the bulk of a real file); tests may leave them out. */
  chest?: boolean;
}

/** `S{n}.pkl` bytes in the Python 2 protocol-2 layout of the real data, produced piece by piece. */
export function subjectPicklePieces(
  subject: SyntheticSubject,
  options: PickleLayoutOptions = {},
): Iterable<Uint8Array> {
  const wrist = recordingWrist(subject);
  const labels = protocolLabels(subject.protocol, subject.seconds, LABEL_RATE_HZ);
  const wristTree: PickleTree = {
    ACC: float64Source(wrist.ACC, [wrist.ACC.length / 3, 3]),
    BVP: float64Source(wrist.BVP, [wrist.BVP.length, 1]),
    EDA: float64Source(wrist.EDA, [wrist.EDA.length, 1]),
    TEMP: float64Source(wrist.TEMP, [wrist.TEMP.length, 1]),
  };
  const signal: PickleTree =
    options.chest === false ? { wrist: wristTree } : { chest: chestArrays(subject, labels.length), wrist: wristTree };
  return writeWesadPickle({ signal, label: int32Source(labels, [labels.length]), subject: subject.subject });
}

const CHEST_BLOCK_ROWS = 70_000;

/** Chest channels at 700 Hz, generated in blocks so a full-size subject streams out in little memory. */
function chestArrays(subject: SyntheticSubject, rows: number): Record<string, ArraySource> {
  const heartRate = subject.session.heartRate;
  const leadIn = subject.leadInSeconds;
  const channel = (
    salt: number,
    columns: number,
    dtype: '<f8' | '<f4',
    value: (t: number, column: number, random: SyntheticRandom) => number,
  ): ArraySource => ({
    dtype,
    shape: [rows, columns],
    *blocks() {
      const random = new SyntheticRandom(subject.seed * 7919 + salt);
      let phase = 0;
      for (let start = 0; start < rows; start += CHEST_BLOCK_ROWS) {
        const count = Math.min(CHEST_BLOCK_ROWS, rows - start);
        const block = dtype === '<f8' ? new Float64Array(count * columns) : new Float32Array(count * columns);
        for (let i = 0; i < count; i += 1) {
          const t = (start + i) / LABEL_RATE_HZ;
          if (salt === 2) {
            const bpm = heartRate[Math.floor((t + leadIn) * 4)] ?? 70;
            phase = (phase + bpm / 60 / LABEL_RATE_HZ) % 1;
          }
          for (let c = 0; c < columns; c += 1) block[i * columns + c] = value(salt === 2 ? phase : t, c, random);
        }
        yield new Uint8Array(block.buffer);
      }
    },
  });
  return {
    ACC: channel(1, 3, '<f8', (_t, c, r) => ([0.85, -0.05, -0.5][c] ?? 0) + 0.01 * r.normal()),
    ECG: channel(2, 1, '<f8', (phase, _c, r) => 1.2 * Math.exp(-(((phase - 0.3) / 0.01) ** 2)) + 0.02 * r.normal()),
    EMG: channel(3, 1, '<f8', (_t, _c, r) => 0.01 * r.normal()),
    EDA: channel(4, 1, '<f8', (t) => (subject.session.EDA[Math.floor((t + leadIn) * 4)] ?? 1) * 1.8),
    Temp: channel(5, 1, '<f4', (t) => 34 + 0.3 * Math.sin(t / 900)),
    Resp: channel(6, 1, '<f8', (t, _c, r) => 2 * Math.sin(2 * Math.PI * 0.25 * t) + 0.1 * r.normal()),
  };
}
