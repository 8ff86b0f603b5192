import { WesadInputError, WesadLimitError } from '../errors.js';
import type { ByteChunks } from '../pickle/byteSource.js';
import { validateWrist, WRIST_RATES_HZ, WRIST_SIGNALS, type WristSignalName, type WristSignals } from '../recording.js';
import { TimeSlicer } from '../timeSlicer.js';
import { maxWristSamples, UPLOAD_LIMIT_SETTINGS, type UploadLimits } from '../uploadLimits.js';
import { subjectsNamedIn } from '../subjectId.js';
import { E4SignalCsvReader, type E4Signal } from './e4Csv.js';
import { unzipStream, type UnzipLimits, type ZipDigest } from './safeUnzip.js';

/** An unlabelled E4 session: the four wrist streams cut to a common start, with that start in Unix time. */
export interface E4Recording {
  startUnix: number;
  wrist: WristSignals;
  warnings: string[];
}

/** The bounds an E4 export is read within: its archive's, and the longest recording accepted. */
export type E4ReadLimits = UnzipLimits & Pick<UploadLimits, 'maxRecordingHours'>;

const CSV_NAMES: Readonly<Record<WristSignalName, string>> = {
  ACC: 'ACC.csv',
  BVP: 'BVP.csv',
  EDA: 'EDA.csv',
  TEMP: 'TEMP.csv',
};

const SIGNAL_OF_FILE: ReadonlyMap<string, WristSignalName> = new Map(
  WRIST_SIGNALS.map((name) => [CSV_NAMES[name], name] as const),
);

/** Pieces a loose CSV is parsed in between turns of the event loop. */
const CSV_PIECE_BYTES = 64 * 1024;

/** Plausible skin temperature; the E4 often starts with a few artefacts such as 382.18. */
const TEMP_RANGE_CELSIUS: readonly [number, number] = [15, 45];

/**
 * `S{n}_E4_Data.zip` (files at the root or in one folder) → recording, streamed: each signal CSV is
 * parsed as it inflates, within the limits. HR, IBI, tags and info are inflated and discarded.
 * `subject` is the one the folder of the signal files names (`S2_E4_Data/EDA.csv`), if any.
 */
export async function readE4Zip(
  chunks: ByteChunks,
  limits: E4ReadLimits,
): Promise<{ recording: E4Recording; source: ZipDigest; subject: string | undefined }> {
  const signals = new Map<WristSignalName, E4Signal>();
  const opened = new Set<WristSignalName>();
  const folderSubjects = new Set<string>();
  const source = await unzipStream(
    chunks,
    (name) => {
      const base = baseName(name);
      const signal = SIGNAL_OF_FILE.get(base);
      if (signal === undefined) return undefined;
      if (opened.has(signal)) throw new WesadInputError('E4_MISSING_SIGNAL', `The zip holds more than one ${base}.`);
      opened.add(signal);
      for (const subject of subjectsNamedIn(name.slice(0, name.length - base.length))) folderSubjects.add(subject);
      if (folderSubjects.size > 1) {
        throw new WesadInputError(
          'SUBJECT_MISMATCH',
          `The zip's signal files sit in folders of different subjects (${[...folderSubjects].join(', ')}).`,
        );
      }
      const reader = signalReader(signal, limits);
      return {
        write: (data) => {
          reader.write(data);
        },
        end: () => {
          signals.set(signal, reader.finish());
        },
      };
    },
    limits,
  );
  return { recording: alignStarts(allSignals(signals)), source, subject: [...folderSubjects][0] };
}

/**
 * Loose `ACC.csv BVP.csv EDA.csv TEMP.csv` (file name → its bytes as they arrive) → recording, each
 * file parsed as it streams in, in name order, and refused once it passes the per-file byte limit.
 */
export async function readE4Csvs(files: ReadonlyMap<string, ByteChunks>, limits: E4ReadLimits): Promise<E4Recording> {
  const slicer = new TimeSlicer();
  const signals = new Map<WristSignalName, E4Signal>();
  const absent = WRIST_SIGNALS.find((name) => !files.has(CSV_NAMES[name]));
  if (absent !== undefined) throw missing(absent);
  for (const name of [...WRIST_SIGNALS].sort((a, b) => (CSV_NAMES[a] < CSV_NAMES[b] ? -1 : 1))) {
    const chunks = files.get(CSV_NAMES[name]) ?? [];
    const reader = signalReader(name, limits);
    let received = 0;
    for await (const chunk of chunks) {
      if (typeof chunk === 'string') throw new TypeError('The CSV stream yields text; read it as bytes.');
      received += chunk.length;
      if (received > limits.maxFileBytes) {
        throw new WesadLimitError(
          'INPUT_TOO_LARGE',
          `${CSV_NAMES[name]} is larger than ${limits.maxFileBytes} bytes.`,
          {
            setting: UPLOAD_LIMIT_SETTINGS.maxFileBytes,
            value: limits.maxFileBytes,
          },
        );
      }
      for (let offset = 0; offset < chunk.length; offset += CSV_PIECE_BYTES) {
        reader.write(chunk.subarray(offset, offset + CSV_PIECE_BYTES));
        await slicer.pause();
      }
    }
    signals.set(name, reader.finish());
  }
  return alignStarts(allSignals(signals));
}

/** A reader that refuses the wrong rate at row 2 and any row past the longest accepted recording. */
function signalReader(name: WristSignalName, limits: E4ReadLimits): E4SignalCsvReader {
  return new E4SignalCsvReader(CSV_NAMES[name], {
    columns: name === 'ACC' ? 3 : 1,
    rateHz: WRIST_RATES_HZ[name],
    maxRows: maxWristSamples(name, limits.maxRecordingHours),
    maxRowsLimit: { setting: UPLOAD_LIMIT_SETTINGS.maxRecordingHours, value: limits.maxRecordingHours },
  });
}

function allSignals(signals: ReadonlyMap<WristSignalName, E4Signal>): Record<WristSignalName, E4Signal> {
  const all = {} as Record<WristSignalName, E4Signal>;
  for (const name of WRIST_SIGNALS) {
    const signal = signals.get(name);
    if (signal === undefined) throw missing(name);
    all[name] = signal;
  }
  return all;
}

function missing(name: WristSignalName): WesadInputError {
  return new WesadInputError('E4_MISSING_SIGNAL', `The E4 export has no ${CSV_NAMES[name]}.`);
}

/** Drops the leading samples of streams that started earlier, so every stream starts at the latest start. */
function alignStarts(signals: Record<WristSignalName, E4Signal>): E4Recording {
  const startUnix = Math.max(...WRIST_SIGNALS.map((name) => signals[name].startUnix));
  const wrist = {} as Record<WristSignalName, Float64Array>;
  for (const name of WRIST_SIGNALS) {
    const { startUnix: start, rateHz, columns, values } = signals[name];
    const skip = Math.round((startUnix - start) * rateHz);
    wrist[name] = values.subarray(Math.min(skip * columns, values.length));
  }
  const seconds = WRIST_SIGNALS.map((name) => wrist[name].length / (name === 'ACC' ? 3 : 1) / WRIST_RATES_HZ[name]);
  const shortest = Math.min(...seconds);
  for (const name of WRIST_SIGNALS) {
    const columns = name === 'ACC' ? 3 : 1;
    wrist[name] = wrist[name].subarray(0, Math.floor(shortest * WRIST_RATES_HZ[name]) * columns);
  }
  validateWrist(wrist, undefined);
  const [low, high] = TEMP_RANGE_CELSIUS;
  const implausible = wrist.TEMP.filter((value) => value < low || value > high).length;
  const warnings =
    implausible > 0 ? [`TEMP has ${implausible} sample(s) outside ${low}–${high} °C (sensor artefacts).`] : [];
  return { startUnix, wrist, warnings };
}

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}
