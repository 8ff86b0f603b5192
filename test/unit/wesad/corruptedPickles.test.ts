import { expect, it } from 'vitest';
import { WesadInputError } from '../../../src/domain/wesad/errors.js';
import { ingestSubjectPickle } from '../../../src/domain/wesad/ingestPickle.js';
import { SyntheticRandom } from '../../../src/domain/wesad/synthetic/syntheticRandom.js';
import { pickleBytes, subjectTree } from './support/handMadePickles.js';

it('answers every truncated or byte-flipped pickle with a result or a typed error, never a crash', async () => {
  const valid = pickleBytes(subjectTree());
  const random = new SyntheticRandom(2024);
  const outcomes = new Map<string, number>();
  for (let variant = 0; variant < 300; variant += 1) {
    const bytes = Buffer.from(valid);
    let input: Uint8Array = bytes;
    if (variant % 3 === 0) {
      input = bytes.subarray(0, Math.floor(random.next() * bytes.length));
    } else {
      // Flips land in the opcode-dense head of the file in half the cases, anywhere in the others.
      const span = variant % 3 === 1 ? 700 : bytes.length;
      for (let flips = 1 + Math.floor(random.next() * 4); flips > 0; flips -= 1) {
        bytes[Math.floor(random.next() * span)] = Math.floor(random.next() * 256);
      }
    }
    const outcome = await ingestSubjectPickle([input], { sourceName: 'S70.pkl' }).then(
      () => 'ok',
      (error: unknown) => (error instanceof WesadInputError ? error.code : `untyped: ${String(error)}`),
    );
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  expect([...outcomes.keys()].filter((outcome) => outcome.startsWith('untyped'))).toEqual([]);
  expect(outcomes.get('TRUNCATED_PICKLE')).toBeGreaterThan(50);
});
