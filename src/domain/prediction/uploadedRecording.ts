import { Worker } from 'node:worker_threads';
import { WesadInputError, WesadLimitError, type LimitBreach, type WesadErrorCode } from '../wesad/errors.js';
import type { UploadLimits } from '../wesad/uploadLimits.js';
import type { WindowSetManifest } from '../wesad/preprocess/windowSetOutput.js';

/** What the worker reads out of an uploaded E4 zip: the window files and their normalisation. */
export interface UploadedRecording {
  files: ReadonlyMap<string, Uint8Array>;
  normalisation: WindowSetManifest['normalisation'];
}

export interface RecordingJob {
  zip: Uint8Array;
  limits: UploadLimits;
}

export type RecordingAnswer =
  | { ok: true; files: [string, Uint8Array][]; normalisation: WindowSetManifest['normalisation'] }
  | { ok: false; code: WesadErrorCode; message: string; limit: LimitBreach | undefined }
  | { ok: false; code: undefined; message: string };

/**
 * A cap on the worker's JS heap: the limits bound what a recording needs (tens of MB per recorded
 * hour, mostly outside the heap), and a worker past this is ended alone, the host going on.
 */
const WORKER_HEAP_MB = 512;

/** Readers started and waiting for a job; at most as many as predictions may run at once. */
const idle: Worker[] = [];

/**
 * Reads an uploaded E4 zip into unlabelled windows on a worker thread: inflating, parsing and
 * windowing a long recording is seconds of CPU that would otherwise stall every other request of
 * the host (its health included). Workers are kept for the next upload (starting one costs more
 * than refusing a zip bomb); the zip's memory moves to the worker, and refusals come back as the
 * WesadInputError / WesadLimitError the reader threw.
 */
export async function readUploadedRecording(zip: Uint8Array, limits: UploadLimits): Promise<UploadedRecording> {
  const own = zip.byteOffset === 0 && zip.byteLength === zip.buffer.byteLength ? zip : zip.slice();
  const worker = idle.pop() ?? startReader();
  worker.ref();
  let answer: RecordingAnswer;
  try {
    answer = await ask(worker, { zip: own, limits }, own.buffer as ArrayBuffer);
  } catch (error: unknown) {
    await worker.terminate();
    throw error;
  }
  worker.unref();
  idle.push(worker);
  if (answer.ok) return { files: new Map(answer.files), normalisation: answer.normalisation };
  if (answer.code === undefined) throw new Error(`The recording worker failed: ${answer.message}`);
  if (answer.limit !== undefined) throw new WesadLimitError(answer.code, answer.message, answer.limit);
  throw new WesadInputError(answer.code, answer.message);
}

function startReader(): Worker {
  return new Worker(new URL('./recordingWorker.js', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
}

/** One job, answered by the worker's next message; its death (e.g. past the heap cap) rejects. */
function ask(worker: Worker, job: RecordingJob, transfer: ArrayBuffer): Promise<RecordingAnswer> {
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const onMessage = (answer: RecordingAnswer): void => {
      settle();
      resolve(answer);
    };
    const onError = (error: unknown): void => {
      settle();
      reject(new Error(`The recording worker failed: ${String(error)}`));
    };
    const onExit = (code: number): void => {
      settle();
      reject(new Error(`The recording worker stopped (exit code ${code}).`));
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job, [transfer]);
  });
}
