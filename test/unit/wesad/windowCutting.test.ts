import { expect, it } from 'vitest';
import { readWesadPickleAtWindowRates } from '../../../src/domain/wesad/pickle/wesadPickleReader.js';
import { resolveParameters } from '../../../src/domain/wesad/preprocess/parameters.js';
import { labelledWindowsOfStreams } from '../../../src/domain/wesad/preprocess/windowing.js';
import { subjectPicklePieces, syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import { concatPieces } from './support/streams.js';

it('cuts the same windows when it may consume the streams, and frees each one as it goes', async () => {
  const subject = syntheticSubject({ subject: 'S82', seconds: 300, seed: 4 });
  const bytes = concatPieces(subjectPicklePieces(subject, { chest: false }));
  const parameters = resolveParameters({ stepSeconds: 1 });
  const read = async () => {
    const { recording } = await readWesadPickleAtWindowRates([bytes]);
    const streams = new Map(parameters.signals.map((name) => [name, recording.streams[name].normalised]));
    return { streams, labels: recording.labels };
  };
  const kept = await read();
  const consumed = await read();
  const expected = labelledWindowsOfStreams(kept.streams, kept.labels, parameters);
  const actual = labelledWindowsOfStreams(consumed.streams, consumed.labels, parameters, { consumeStreams: true });

  expect(expected.t.length).toBeGreaterThan(0);
  expect(actual.t).toEqual(expected.t);
  expect(actual.y).toEqual(expected.y);
  expect(actual.statistics).toEqual(expected.statistics);
  expect(actual.signals.map((s) => [s.name, s.width, Buffer.from(s.data.buffer)])).toEqual(
    expected.signals.map((s) => [s.name, s.width, Buffer.from(s.data.buffer)]),
  );
  for (const stream of kept.streams.values()) expect(stream.z.length).toBeGreaterThan(0);
  for (const stream of consumed.streams.values()) expect(stream.z.length).toBe(0);
});
