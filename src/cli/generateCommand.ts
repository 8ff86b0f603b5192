import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { e4Zip, questCsv } from '../domain/wesad/synthetic/e4Export.js';
import { subjectPicklePieces, syntheticSubject } from '../domain/wesad/synthetic/syntheticSubject.js';
import { numberOption, parseArguments, requireKnownOptions, stringOption, UsageError } from './commandLine.js';
import { GENERATE_USAGE } from './usage.js';

const DEFAULT_SUBJECTS = 'S2,S3,S4,S5,S6,S7,S8,S9,S10,S11,S13,S14,S15,S16,S17';

/** Writes DIR/S{n}/S{n}.pkl, S{n}_E4_Data.zip and S{n}_quest.csv, like the WESAD folders. */
export async function generateCommand(argv: readonly string[]): Promise<void> {
  const parsed = parseArguments(argv, new Set(['no-chest', 'no-e4']));
  requireKnownOptions(parsed, ['out', 'subjects', 'seconds', 'seed', 'no-chest', 'no-e4']);
  const out = stringOption(parsed, 'out');
  if (out === undefined || parsed.positional.length > 0) throw new UsageError(`usage: ${GENERATE_USAGE}`);
  const subjects = (stringOption(parsed, 'subjects') ?? DEFAULT_SUBJECTS).split(',').map((s) => s.trim());
  const seconds = numberOption(parsed, 'seconds') ?? 6000;
  const seed = numberOption(parsed, 'seed') ?? 1;
  if (!(seconds >= 60 && seconds <= 20_000)) throw new UsageError('--seconds must be between 60 and 20000.');
  if (subjects.some((name) => !/^S\d+$/.test(name))) throw new UsageError('--subjects must look like S2,S3,...');

  for (const [index, name] of subjects.entries()) {
    const subject = syntheticSubject({ subject: name, seconds, seed: seed * 1000 + index });
    const folder = join(out, name);
    await mkdir(folder, { recursive: true });
    const picklePath = join(folder, `${name}.pkl`);
    const pieces = subjectPicklePieces(subject, { chest: parsed.options.get('no-chest') !== true });
    await pipeline(Readable.from(pieces), createWriteStream(picklePath));
    if (parsed.options.get('no-e4') !== true) {
      await writeFile(join(folder, `${name}_E4_Data.zip`), e4Zip(subject));
      await writeFile(join(folder, `${name}_quest.csv`), questCsv(subject));
    }
    console.log(`generated ${folder} (${seconds} s, seed ${seed * 1000 + index})`);
  }
}
