import { WesadInputError } from '../errors.js';
import { validateWrist, WRIST_RATES_HZ, WRIST_SIGNALS, type WristSignalName, type WristSignals } from '../recording.js';
import { parseE4SignalCsv, type E4Signal } from './e4Csv.js';
import { DEFAULT_UNZIP_LIMITS, safeUnzip, type UnzipLimits } from './safeUnzip.js';

/** An unlabelled E4 session: the four wrist streams cut to a common start, with that start in Unix time. */
export interface E4Recording {
  startUnix: number;
  wrist: WristSignals;
  warnings: string[];
}

const CSV_NAMES: Readonly<Record<WristSignalName, string>> = {
  ACC: 'ACC.csv',
  BVP: 'BVP.csv',
  EDA: 'EDA.csv',
  TEMP: 'TEMP.csv',
};

/** Plausible skin temperature; the E4 often starts with a few artefacts such as 382.18. */
const TEMP_RANGE_CELSIUS: readonly [number, number] = [15, 45];

/** `S{n}_E4_Data.zip` (files at the root or in one folder) → recording. HR, IBI, tags and info are ignored. */
export function readE4Zip(zip: Uint8Array, limits: UnzipLimits = DEFAULT_UNZIP_LIMITS): E4Recording {
  const wantedNames = new Set(Object.values(CSV_NAMES));
  const entries = safeUnzip(zip, (name) => wantedNames.has(baseName(name)), limits);
  const texts = new Map<string, string>();
  for (const [name, data] of entries) {
    const base = baseName(name);
    if (texts.has(base)) throw new WesadInputError('E4_MISSING_SIGNAL', `The zip holds more than one ${base}.`);
    texts.set(base, Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  }
  return readE4Csvs(texts);
}

/** Loose `ACC.csv BVP.csv EDA.csv TEMP.csv` (keyed by file name) → recording. */
export function readE4Csvs(files: ReadonlyMap<string, string>): E4Recording {
  const signals = {} as Record<WristSignalName, E4Signal>;
  for (const name of WRIST_SIGNALS) {
    const fileName = CSV_NAMES[name];
    const text = files.get(fileName);
    if (text === undefined) throw new WesadInputError('E4_MISSING_SIGNAL', `The E4 export has no ${fileName}.`);
    const signal = parseE4SignalCsv(text, fileName, name === 'ACC' ? 3 : 1);
    if (signal.rateHz !== WRIST_RATES_HZ[name]) {
      throw new WesadInputError(
        'INCONSISTENT_SIGNALS',
        `${fileName} is sampled at ${signal.rateHz} Hz; the E4 writes ${WRIST_RATES_HZ[name]} Hz.`,
      );
    }
    signals[name] = signal;
  }
  return alignStarts(signals);
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
