import { parentPort } from 'node:worker_threads';
import { chunksOf } from '../wesad/e4/safeUnzip.js';
import { isWesadInputError, WesadLimitError } from '../wesad/errors.js';
import { ingestE4Zip } from '../wesad/ingestE4.js';
import { describeError } from '../../platform/errors/describeError.js';
import type { RecordingAnswer, RecordingJob } from './uploadedRecording.js';

/** Reads uploaded E4 zips off the host's main thread (see uploadedRecording.ts), one job at a time, and posts the windows back. */
async function read(job: RecordingJob): Promise<{ answer: RecordingAnswer; transfer: ArrayBuffer[] }> {
  try {
    const set = await ingestE4Zip(chunksOf(job.zip), {
      sourceName: 'prediction.zip',
      subject: 'prediction',
      limits: job.limits,
      maxBytes: job.zip.length,
    });
    // Files that own their memory move to the host without a copy; pooled small ones are copied.
    const files = set.files.map(({ name, data }) => {
      const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : new Uint8Array(data);
      return [name, new Uint8Array(own.buffer, own.byteOffset, own.byteLength)] as [string, Uint8Array];
    });
    return {
      answer: { ok: true, files, normalisation: set.manifest.normalisation },
      transfer: files.map(([, data]) => data.buffer as ArrayBuffer),
    };
  } catch (error: unknown) {
    if (isWesadInputError(error)) {
      const limit = error instanceof WesadLimitError ? error.limit : undefined;
      return { answer: { ok: false, code: error.code, message: error.message, limit }, transfer: [] };
    }
    return { answer: { ok: false, code: undefined, message: describeError(error) }, transfer: [] };
  }
}

parentPort?.on('message', (job: RecordingJob) => {
  void read(job).then(({ answer, transfer }) => {
    parentPort?.postMessage(answer, transfer);
  });
});
