import type { StorageClients } from '../../platform/storage/storageClients.js';
import { readWindowSetFile } from '../datasets/windowSetStore.js';
import { decodeNpy } from '../datasets/npyDecode.js';
import type { Signal, WindowSet } from '../training/index.js';

/** One subject's labelled windows, as the trainers consume them, with each window's start time. */
export interface SubjectWindows {
  subject: string;
  windows: WindowSet;
  startSeconds: Float64Array;
}

/** Reads a stored window set's arrays for the given signals. */
export async function loadSubjectWindows(
  storage: StorageClients,
  subject: string,
  version: string,
  signals: readonly Signal[],
): Promise<SubjectWindows> {
  const read = async (name: string) => decodeNpy(await readWindowSetFile(storage, subject, version, name));
  const [labels, times, ...signalArrays] = await Promise.all([
    read('y.npy'),
    read('t.npy'),
    ...signals.map((signal) => read(`${signal}.npy`)),
  ]);
  if (labels.dtype !== '|u1' || times.dtype !== '<f8')
    throw new Error(`${subject}/${version}: y.npy or t.npy has the wrong dtype.`);
  const count = labels.data.length;
  const windows: WindowSet = { count, labels: labels.data, signals: {} };
  signals.forEach((signal, index) => {
    const array = signalArrays[index];
    if (array?.dtype !== '<f4' || array.shape[0] !== count) {
      throw new Error(`${subject}/${version}: ${signal}.npy is not float32 with ${count} rows.`);
    }
    windows.signals[signal] = array.data;
  });
  return { subject, windows, startSeconds: times.data };
}

/** Several subjects' windows as one set, in the order given. */
export function concatenateWindows(parts: readonly SubjectWindows[], signals: readonly Signal[]): WindowSet {
  const count = parts.reduce((sum, part) => sum + part.windows.count, 0);
  const labels = new Uint8Array(count);
  const joined: WindowSet = { count, labels, signals: {} };
  for (const signal of signals) {
    const width = widthOf(parts, signal);
    const values = new Float32Array(count * width);
    let offset = 0;
    for (const part of parts) {
      const source = part.windows.signals[signal];
      if (source === undefined) throw new Error(`${part.subject} has no ${signal} windows.`);
      values.set(source, offset * width);
      offset += part.windows.count;
    }
    joined.signals[signal] = values;
  }
  let offset = 0;
  for (const part of parts) {
    labels.set(part.windows.labels, offset);
    offset += part.windows.count;
  }
  return joined;
}

function widthOf(parts: readonly SubjectWindows[], signal: Signal): number {
  const first = parts.find((part) => part.windows.count > 0);
  const values = first?.windows.signals[signal];
  return first === undefined || values === undefined ? 0 : values.length / first.windows.count;
}
