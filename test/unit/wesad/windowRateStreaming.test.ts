import { describe, expect, it } from 'vitest';
import { PyDtype } from '../../../src/domain/wesad/pickle/values.js';
import { readWesadPickle, readWesadPickleAtWindowRates } from '../../../src/domain/wesad/pickle/wesadPickleReader.js';
import {
  windowRateDecoderFor,
  WindowRateScratch,
  type WindowRateDecoder,
} from '../../../src/domain/wesad/pickle/windowRateDecoder.js';
import { WindowRateStream } from '../../../src/domain/wesad/preprocess/windowRateStream.js';
import { summariseWrist, WRIST_SIGNALS, type WristSignalName } from '../../../src/domain/wesad/recording.js';
import { subjectPicklePieces, syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { chunked, concatPieces } from './support/streams.js';

interface Dtype {
  descr: string;
  size: number;
  write: (view: DataView, offset: number, value: number) => void;
  /** A raw value this dtype stores exactly. */
  value: (i: number) => number;
}

const DTYPES: [Dtype, ...Dtype[]] = [
  {
    descr: '<f8',
    size: 8,
    write: (v, o, x) => {
      v.setFloat64(o, x, true);
    },
    value: (i) => Math.sin(i) * 40 + i / 7,
  },
  {
    descr: '>f8',
    size: 8,
    write: (v, o, x) => {
      v.setFloat64(o, x, false);
    },
    value: (i) => Math.cos(i) * 3,
  },
  {
    descr: '<f4',
    size: 4,
    write: (v, o, x) => {
      v.setFloat32(o, x, true);
    },
    value: (i) => ((i * 37) % 1001) / 8 - 60,
  },
  {
    descr: '<i2',
    size: 2,
    write: (v, o, x) => {
      v.setInt16(o, x, true);
    },
    value: (i) => ((i * 7919) % 257) - 128,
  },
  {
    descr: '|u1',
    size: 1,
    write: (v, o, x) => {
      v.setUint8(o, x);
    },
    value: (i) => (i * 31) % 251,
  },
];

function columns(name: WristSignalName): number {
  return name === 'ACC' ? 3 : 1;
}

/** Raw array bytes, and the same values as float64 (what decoding the array in full gives). */
function rawArray(dtype: Dtype, count: number, valueAt = dtype.value): { bytes: Uint8Array; values: Float64Array } {
  const bytes = new Uint8Array(count * dtype.size);
  const view = new DataView(bytes.buffer);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    values[i] = valueAt(i);
    dtype.write(view, i * dtype.size, values[i] ?? 0);
  }
  return { bytes, values };
}

function decoderFor(name: WristSignalName, dtype: Dtype, bytes: Uint8Array, scratch = new WindowRateScratch()) {
  const rows = bytes.length / dtype.size / columns(name);
  const header = {
    dtype: new PyDtype(dtype.descr),
    shape: [rows, columns(name)],
    fortranOrder: false,
    byteLength: bytes.length,
  };
  const decoder = windowRateDecoderFor(name, header, scratch);
  if (decoder === undefined) throw new Error(`no decoder for ${name} ${dtype.descr}`);
  return decoder;
}

function streamThrough(decoder: WindowRateDecoder, bytes: Uint8Array, chunkBytes: number): WindowRateStream {
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    decoder.write(bytes.subarray(offset, offset + chunkBytes));
  }
  return decoder.finish();
}

function expectSameStream(streamed: WindowRateStream, held: WindowRateStream): void {
  expect(Buffer.from(streamed.normalised.z.buffer).equals(Buffer.from(held.normalised.z.buffer))).toBe(true);
  expect(streamed.normalised.statistics).toEqual(held.normalised.statistics);
  expect(streamed.rawSamples).toBe(held.rawSamples);
  expect(streamed.nonFinite).toEqual(held.nonFinite);
}

describe.each(['ACC', 'BVP', 'EDA'] as const)('%s reduced while its bytes stream in', (name) => {
  // An odd sample count leaves BVP a lone last sample; 20,001 rows span several decoding blocks.
  const rows = 20_001;

  it.each(DTYPES)('gives the same bits as the array held in full ($descr)', (dtype) => {
    const { bytes, values } = rawArray(dtype, rows * columns(name));
    const held = WindowRateStream.of(name, values);
    for (const chunkBytes of [1, 7, 4096, 65_537, bytes.length]) {
      expectSameStream(streamThrough(decoderFor(name, dtype, bytes), bytes, chunkBytes), held);
    }
  });

  it('finds the first non-finite raw value, as validation of the array in full does', () => {
    const [f8] = DTYPES;
    // Early NaN, then a later Infinity; for BVP the Infinity is the dropped lone last sample.
    const bad = (i: number) => (i === 5 * columns(name) + 1 ? NaN : i === rows * columns(name) - 1 ? Infinity : i);
    const { bytes, values } = rawArray(f8, rows * columns(name), bad);
    const streamed = streamThrough(decoderFor(name, f8, bytes), bytes, 1000);
    expect(streamed.nonFinite).toEqual(summariseWrist(name, values).nonFinite);
    expect(streamed.nonFinite?.sample).toBe(name === 'ACC' ? 5 : 6);

    const onlyLast = (i: number) => (i === rows * columns(name) - 1 ? -Infinity : i);
    const last = rawArray(f8, rows * columns(name), onlyLast);
    const lastStreamed = streamThrough(decoderFor(name, f8, last.bytes), last.bytes, 333);
    expect(lastStreamed.nonFinite).toEqual({ sample: rows - 1, value: -Infinity });
  });
});

it('lets one scratch serve the arrays one after the other, and the streams outlive its release', () => {
  const scratch = new WindowRateScratch();
  const [f8] = DTYPES;
  const pairs: [streamed: WindowRateStream, held: WindowRateStream][] = [];
  for (const [name, rows] of [
    ['ACC', 9_000],
    ['BVP', 18_001],
    ['EDA', 1_125],
    ['TEMP', 40_000],
  ] as const) {
    const { bytes, values } = rawArray(f8, rows * columns(name), (i) => Math.sin(i / rows) * rows);
    pairs.push([streamThrough(decoderFor(name, f8, bytes, scratch), bytes, 10_007), WindowRateStream.of(name, values)]);
  }
  scratch.release();
  for (const [streamed, held] of pairs) expectSameStream(streamed, held);
});

it('declines arrays it cannot reduce as they stream, so they are decoded in full instead', () => {
  const scratch = new WindowRateScratch();
  const header = (descr: string, rows: number, width: number, fortranOrder = false, byteLength = 8 * rows * width) => ({
    dtype: new PyDtype(descr),
    shape: [rows, width],
    fortranOrder,
    byteLength,
  });
  // Fortran order holds all x before any y: rows are only known once the whole array is in.
  expect(windowRateDecoderFor('ACC', header('<f8', 100, 3, true), scratch)).toBeUndefined();
  expect(windowRateDecoderFor('ACC', header('<f8', 100, 3), scratch)).toBeDefined();
  // One column (or one row) reads the same in either order.
  expect(windowRateDecoderFor('BVP', header('<f8', 100, 1, true), scratch)).toBeDefined();
  expect(windowRateDecoderFor('ACC', header('<f8', 1, 3, true), scratch)).toBeDefined();
  // Shapes, sizes and dtypes that are wrong are left for the full decoding to report.
  expect(windowRateDecoderFor('ACC', header('<f8', 100, 2), scratch)).toBeUndefined();
  expect(windowRateDecoderFor('EDA', header('<f8', 100, 1, false, 799), scratch)).toBeUndefined();
  expect(windowRateDecoderFor('EDA', header('<c16', 100, 1), scratch)).toBeUndefined();
});

it('reads a pickle with its wrist streams reduced on the way, bit for bit as from the arrays in full', async () => {
  // 2,100 s makes every wrist array (even 4 Hz EDA and TEMP) large enough to be streamed.
  const subject = syntheticSubject({ subject: 'S81', seconds: 2_100, seed: 9 });
  const bytes = concatPieces(subjectPicklePieces(subject, { chest: false }));
  const { recording } = await readWesadPickle(chunked(bytes, 65_536));
  for (const chunkBytes of [997, 65_537]) {
    const streamed = await readWesadPickleAtWindowRates(chunked(bytes, chunkBytes));
    expect(streamed.recording.subject).toBe('S81');
    expect(streamed.recording.labels.countsByCode()).toEqual(recording.labels.countsByCode());
    for (const name of WRIST_SIGNALS) {
      expectSameStream(streamed.recording.streams[name], WindowRateStream.of(name, recording.wrist[name]));
    }
  }
});
