import { describe, expect, it } from 'vitest';
import { publicReasonOf } from '../../../src/errors/publicReason.js';

describe("the reason a run's failure shows to clients", () => {
  it('keeps the first line and no server paths', () => {
    const error = new Error("ENOENT: no such file or directory, open '/srv/app/dist/kernels/linear-kernels.wasm'");
    error.stack = `${error.message}\n    at open (node:fs:1:1)`;
    expect(publicReasonOf(error)).toBe("ENOENT: no such file or directory, open '<path>'");
    expect(publicReasonOf('The specified blob does not exist.\nRequestId:1234\nTime:2026')).toBe(
      'The specified blob does not exist.',
    );
    expect(publicReasonOf(new Error('cannot read C:\\home\\site\\wwwroot\\x.js'))).toBe('cannot read <path>');
    expect(publicReasonOf(new Error('file:///home/app/main.js failed'))).toBe('<path> failed');
  });

  it('leaves subject, version and blob names as they are', () => {
    for (const message of [
      'S4/0123456789abcdef: EDA.npy is not float32 with 120 rows.',
      'Run r1: the checkpoint of epoch 1 is missing.',
      'models/runs/r1/evaluation.json is missing',
      "Activity function 'trainingTrainEpoch' failed: Not an .npy file.",
    ]) {
      expect(publicReasonOf(new Error(message))).toBe(message);
    }
  });
});
