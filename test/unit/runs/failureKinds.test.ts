import { describe, expect, it } from 'vitest';
import { RestError } from '@azure/storage-blob';
import { ZodError } from 'zod';
import {
  errorOfKind,
  failureKindOf,
  PermanentError,
  RunCancelledError,
  TransientError,
} from '../../../src/platform/errors/failureKinds.js';
import { settled } from '../../../src/domain/runs/activityOutcome.js';
import { SnapshotError } from '../../../src/domain/runs/datasetSnapshot.js';
import { SplitError } from '../../../src/domain/runs/subjectSplit.js';

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('failure kinds of training steps', () => {
  it('retries storage throttling, server errors, races and dropped connections', () => {
    for (const status of [408, 409, 412, 429, 500, 503, 504]) {
      expect(failureKindOf(new RestError('storage', { statusCode: status })), String(status)).toBe('transient');
    }
    expect(failureKindOf(new RestError('no answer', { code: 'REQUEST_SEND_ERROR' }))).toBe('transient');
    expect(failureKindOf(networkError('ECONNRESET'))).toBe('transient');
    expect(failureKindOf(networkError('ETIMEDOUT'))).toBe('transient');
    expect(failureKindOf(new TransientError('worker busy'))).toBe('transient');
  });

  it('does not retry what fails the same way every time', () => {
    for (const status of [400, 403, 404, 501]) {
      expect(failureKindOf(new RestError('storage', { statusCode: status })), String(status)).toBe('permanent');
    }
    expect(failureKindOf(new SnapshotError('No labelled window set for S9.'))).toBe('permanent');
    expect(failureKindOf(new SplitError('No subject is left for training.'))).toBe('permanent');
    expect(failureKindOf(new ZodError([]))).toBe('permanent');
    expect(failureKindOf(new TypeError('x is undefined'))).toBe('permanent');
    expect(failureKindOf(new PermanentError('bad data'))).toBe('permanent');
    expect(failureKindOf(RunCancelledError.of('r1'))).toBe('cancelled');
  });

  it('keeps the kind across a boundary that carries only kind and message', () => {
    for (const error of [new TransientError('a'), new PermanentError('b'), RunCancelledError.of('r1')]) {
      const again = errorOfKind(failureKindOf(error), error.message);
      expect(failureKindOf(again)).toBe(failureKindOf(error));
      expect(again.message).toBe(error.message);
    }
  });

  it('returns a permanent failure as a result and throws a transient one on for the retry', async () => {
    await expect(settled(() => Promise.resolve(7))).resolves.toBe(7);
    await expect(settled(() => Promise.reject(new SnapshotError('No labelled window set for S9.')))).resolves.toEqual({
      gaveUp: {
        reason: 'No labelled window set for S9.',
        cancelled: false,
        detail: expect.stringContaining('No labelled window set for S9.\n    at ') as string,
      },
    });
    await expect(settled(() => Promise.reject(RunCancelledError.of('r2')))).resolves.toMatchObject({
      gaveUp: { reason: 'Run r2 was cancelled.', cancelled: true },
    });
    const busy = new RestError('Server busy', { statusCode: 503 });
    await expect(settled(() => Promise.reject(busy))).rejects.toBe(busy);
  });
});
