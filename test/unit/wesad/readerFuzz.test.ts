import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readE4Zip, type E4ReadLimits } from '../../../src/domain/wesad/e4/e4Recording.js';
import { parseE4SignalCsv } from '../../../src/domain/wesad/e4/e4Csv.js';
import { chunksOf } from '../../../src/domain/wesad/e4/safeUnzip.js';
import { isWesadInputError } from '../../../src/domain/wesad/errors.js';
import { readWesadPickleAtWindowRates } from '../../../src/domain/wesad/pickle/wesadPickleReader.js';
import { e4Csvs } from '../../../src/domain/wesad/synthetic/e4Export.js';
import { syntheticSubject } from '../../../src/domain/wesad/synthetic/syntheticSubject.js';
import type { UploadLimits } from '../../../src/domain/wesad/uploadLimits.js';
import { pickleBytes, subjectTree } from './support/handMadePickles.js';

/**
 * Property-based fuzzing of the readers that face uploads. Whatever bytes arrive, a reader either
 * returns a result or throws its own WesadInputError (with a stable code) — never another kind
 * of exception — and the memory one input makes it hold stays bounded. Fixed seeds and bounded
 * runs, so a failure reproduces.
 */

const SEED = 20261126;
/** Generous for inputs of at most a few hundred kB under the small limits below. */
const MEMORY_BOUND_BYTES = 96 * 1024 * 1024;

const limits: E4ReadLimits & Pick<UploadLimits, 'pickleMaxOpcodes'> = {
  maxRecordingHours: 1,
  zipMaxEntries: 16,
  maxFileBytes: 4 * 1024 * 1024,
  zipMaxTotalBytes: 8 * 1024 * 1024,
  pickleMaxOpcodes: 100_000,
  maxCompressedBytes: 1024 * 1024,
};

function memoryInUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Runs a reader on one input: a result or the reader's own error, and its memory growth. */
async function outcomeOf(read: () => Promise<unknown>): Promise<{ error: unknown; grewBy: number }> {
  const before = memoryInUse();
  let error: unknown;
  try {
    await read();
  } catch (caught: unknown) {
    error = caught;
  }
  return { error, grewBy: memoryInUse() - before };
}

function expectOwnOutcome(outcome: { error: unknown; grewBy: number }): void {
  if (outcome.error !== undefined && !isWesadInputError(outcome.error)) {
    throw new Error('not a WesadInputError', { cause: outcome.error });
  }
  expect(outcome.grewBy).toBeLessThan(MEMORY_BOUND_BYTES);
}

/** A valid input with a few bytes changed, some removed or inserted, or cut short. */
function mutationsOf(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const flip = fc
    .array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 12,
    })
    .map((changes) => {
      const copy = Uint8Array.from(valid);
      for (const [at, byte] of changes) copy[at] = byte;
      return copy;
    });
  const cut = fc.nat({ max: valid.length - 1 }).map((end) => valid.slice(0, end));
  const splice = fc
    .tuple(fc.nat({ max: valid.length - 1 }), fc.nat({ max: 64 }), fc.uint8Array({ maxLength: 64 }))
    .map(([at, remove, insert]) =>
      Buffer.concat([valid.subarray(0, at), insert, valid.subarray(Math.min(valid.length, at + remove))]),
    );
  return fc.oneof(flip, cut, splice);
}

const subject = syntheticSubject({
  subject: 'S4',
  seconds: 30,
  seed: 3,
  sessionStartUnix: 1_500_000_000,
  leadInSeconds: 5,
  tailSeconds: 5,
});
const csvs = e4Csvs(subject);
const validZip = zipSync(
  Object.fromEntries([...csvs].map(([name, text]) => [`S4_E4_Data/${name}`, Buffer.from(text)])),
);
const storedZip = zipSync(Object.fromEntries([...csvs].map(([name, text]) => [name, Buffer.from(text)])), { level: 0 });
const validPickle = pickleBytes(subjectTree(12));

describe('the E4 zip reader under fuzzing', () => {
  it('reads the unmutated inputs', async () => {
    await expect(readE4Zip([validZip], limits)).resolves.toBeDefined();
    await expect(readE4Zip([storedZip], limits)).resolves.toBeDefined();
  });

  it('answers arbitrary bytes with a result or its own error, within bounded memory', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      // Starts like a zip, so the parser goes further than the magic number.
      fc.uint8Array({ maxLength: 4096 }).map((rest) => Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), rest])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.integer({ min: 1, max: 5000 }), async (input, chunk) => {
        expectOwnOutcome(await outcomeOf(() => readE4Zip(chunksOf(input, chunk), limits)));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('answers mutated E4 zips (deflated and stored) with a result or its own error, within bounded memory', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutationsOf(validZip), mutationsOf(storedZip)), async (input) => {
        expectOwnOutcome(await outcomeOf(() => readE4Zip(chunksOf(input, 4096), limits)));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('answers zips of arbitrary entries and contents with a result or its own error', async () => {
    const names = fc.oneof(
      fc.constantFrom('EDA.csv', 'BVP.csv', 'ACC.csv', 'TEMP.csv', 'HR.csv', 'x/EDA.csv', '../EDA.csv', 'a/'),
      fc.string({ maxLength: 20 }),
    );
    const entries = fc.dictionary(names, fc.uint8Array({ maxLength: 2048 }), { maxKeys: 6 });
    await fc.assert(
      fc.asyncProperty(entries, async (files) => {
        let zip: Uint8Array;
        try {
          zip = zipSync(files);
        } catch {
          return; // fflate refuses to write some names; nothing to read then.
        }
        expectOwnOutcome(await outcomeOf(() => readE4Zip([zip], limits)));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('the E4 CSV reader under fuzzing', () => {
  it('answers arbitrary text with a signal or its own error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), fc.integer({ min: 1, max: 3 }), (text, columns) => {
        try {
          parseE4SignalCsv(`1495437325.0${',1495437325.0'.repeat(columns - 1)}\n${text}`, 'EDA.csv', columns);
        } catch (error: unknown) {
          if (!isWesadInputError(error)) throw error;
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reads every decimal the E4 could write exactly as Number() does', () => {
    const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
    const decimal = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        fc.string({ unit: digit, minLength: 0, maxLength: 20 }),
        fc.option(fc.string({ unit: digit, minLength: 0, maxLength: 20 })),
      )
      .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}`)
      .filter((text) => /\d/.test(text));
    fc.assert(
      fc.property(decimal, (text) => {
        const [value] = parseE4SignalCsv(`1495437325.0\n4.0\n${text}\n`, 'EDA.csv', 1).values;
        expect(Object.is(value, Number(text))).toBe(true);
      }),
      { seed: SEED, numRuns: 5000 },
    );
  });
});

describe('the subject pickle reader under fuzzing', () => {
  it('reads the unmutated pickle', async () => {
    await expect(readWesadPickleAtWindowRates([validPickle], { limits })).resolves.toBeDefined();
  });

  it('answers arbitrary bytes with a result or its own error, within bounded memory', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      fc.uint8Array({ maxLength: 2048 }).map((rest) => Buffer.concat([Buffer.from([0x80, 2]), rest])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (input) => {
        expectOwnOutcome(await outcomeOf(() => readWesadPickleAtWindowRates([input], { limits, maxBytes: 1 << 20 })));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('answers mutated subject pickles with a result or its own error, within bounded memory', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsOf(validPickle), async (input) => {
        expectOwnOutcome(await outcomeOf(() => readWesadPickleAtWindowRates([input], { limits, maxBytes: 1 << 20 })));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
