import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ingestSubjectPickle, type IngestOptions } from '../domain/wesad/ingestPickle.js';
import {
  DEFAULT_FORMAT_BY_SOURCE,
  type PreprocessingFormat,
  type WindowParameters,
} from '../domain/wesad/preprocess/parameters.js';
import type { ProcessedWindowSet } from '../domain/wesad/preprocess/windowSetOutput.js';
import type { WristSignalName } from '../domain/wesad/recording.js';
import { readFileChunks } from './fileChunks.js';
import { numberOption, parseArguments, requireKnownOptions, stringOption, UsageError } from './commandLine.js';
import { PREPROCESS_USAGE } from './usage.js';

/**
 * Reads of 256 KiB stream a 0.3 GB pickle as fast as 1 MiB reads did (smaller ones cost time per
 * chunk), and the two buffers they need stay small next to the window set.
 */
const READ_CHUNK_BYTES = 256 * 1024;

export async function preprocessCommand(argv: readonly string[]): Promise<void> {
  const parsed = parseArguments(argv, new Set(['include-meditation']));
  requireKnownOptions(parsed, [
    'out',
    'step',
    'window',
    'signals',
    'include-meditation',
    'subject',
    'max-bytes',
    'format',
  ]);
  const [file] = parsed.positional;
  const out = stringOption(parsed, 'out');
  if (file === undefined || out === undefined) throw new UsageError(`usage: ${PREPROCESS_USAGE}`);
  const parameters: Partial<WindowParameters> = {};
  const format = stringOption(parsed, 'format');
  if (format !== undefined) parameters.format = format as PreprocessingFormat;
  const step = numberOption(parsed, 'step');
  const window = numberOption(parsed, 'window');
  const signals = stringOption(parsed, 'signals');
  if (step !== undefined) parameters.stepSeconds = step;
  if (window !== undefined) parameters.windowSeconds = window;
  if (signals !== undefined) parameters.signals = signals.split(',').map((s) => s.trim()) as WristSignalName[];
  if (parsed.options.get('include-meditation') === true) parameters.includeMeditation = true;
  const common: IngestOptions = {
    sourceName: basename(file),
    subject: stringOption(parsed, 'subject'),
    maxBytes: numberOption(parsed, 'max-bytes'),
    parameters,
  };

  const started = performance.now();
  const processed = await preprocessInput(file, common);
  await writeWindowSet(processed, out);
  const seconds = (performance.now() - started) / 1000;

  const { manifest } = processed;
  const megabytes = manifest.source.sizeBytes / 1e6;
  console.log(
    `preprocess subject=${processed.subject} version=${processed.version} windows=${manifest.counts.windows} ` +
      `stress=${manifest.kind === 'labelled' ? (manifest.counts.perClass['1'] ?? 0) : 'unlabelled'} seconds=${seconds.toFixed(3)} ` +
      `mb_per_s=${(megabytes / seconds).toFixed(1)} max_rss_kb=${process.resourceUsage().maxRSS}`,
  );
  for (const warning of manifest.warnings) console.warn(`warning: ${warning}`);
  if (manifest.artefacts !== undefined) {
    const segments = manifest.artefacts.segments.map(
      (s) => `${s.startSeconds}-${s.endSeconds} s (${s.reasons.join(', ')})`,
    );
    console.log(
      `${manifest.format}: ${manifest.artefacts.excludedSeconds} s excluded as sensor artefacts${segments.length > 0 ? `: ${segments.slice(0, 10).join('; ')}${segments.length > 10 ? '; …' : ''}` : ''}`,
    );
  }
}

/** A folder is an unzipped E4 export (its CSVs, as loose uploads), a .zip an E4 export, anything else a pickle. */
async function preprocessInput(file: string, given: IngestOptions): Promise<ProcessedWindowSet> {
  const isFolder = (await stat(file)).isDirectory();
  const source = isFolder || file.toLowerCase().endsWith('.zip') ? 'e4' : 'pickle';
  // The same default as ingestion's: v2 for E4 exports, v1 for pickles; --format overrides it.
  const options = {
    ...given,
    parameters: { format: DEFAULT_FORMAT_BY_SOURCE[source], ...given.parameters },
  };
  if (isFolder) {
    const { readE4Folder } = await import('./e4Folder.js');
    const { ingestE4Csvs } = await import('../domain/wesad/ingestE4.js');
    // basename of the resolved path, so that '.' or 'S2/' still names the folder (and its subject).
    return ingestE4Csvs(await readE4Folder(file), { ...options, sourceName: basename(resolve(file)) });
  }
  if (source === 'e4') {
    return (await import('../domain/wesad/ingestE4.js')).ingestE4Zip(await readFile(file), options);
  }
  return ingestSubjectPickle(readFileChunks(file, READ_CHUNK_BYTES), options);
}

async function writeWindowSet(processed: ProcessedWindowSet, directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  for (const file of processed.files) await writeFile(join(directory, file.name), file.data);
  await writeFile(join(directory, 'manifest.json'), processed.manifestJson);
}
