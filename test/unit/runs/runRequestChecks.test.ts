import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { parseRunParams, runParamBounds, runRequestSchema } from '../../../src/domain/runs/runRequest.js';
import { runSubjectIssues } from '../../../src/domain/runs/runRequestChecks.js';

const labelled = new Set(['S2', 'S3', 'S4', 'S5']);

function issuesOf(body: unknown): string[] {
  return runSubjectIssues(runRequestSchema.parse(body), labelled).map((issue) => `${issue.path}: ${issue.message}`);
}

describe('a run request, checked before it is queued', () => {
  it('accepts subjects that have labelled window sets and splits that leave training subjects', () => {
    expect(issuesOf({})).toEqual([]);
    expect(issuesOf({ subjects: ['S2', 'S3', 'S4'], validationSubjects: ['S3'], testSubjects: ['S4'] })).toEqual([]);
    expect(issuesOf({ validationSubjects: ['S2'], testSubjects: ['S3'] })).toEqual([]);
  });

  it('refuses unknown subjects, overlapping splits, held-out subjects outside the run and no training subject', () => {
    expect(issuesOf({ subjects: ['S2', 'S9'] })).toEqual([
      'subjects: S9 has no labelled window set (upload and ingest it first)',
    ]);
    expect(issuesOf({ testSubjects: ['S7'] })).toEqual([
      'testSubjects: S7 has no labelled window set (upload and ingest it first)',
    ]);
    expect(issuesOf({ validationSubjects: ['S3'], testSubjects: ['S3'] })).toEqual([
      'validationSubjects: S3 cannot be both a validation and a test subject',
    ]);
    expect(issuesOf({ subjects: ['S2', 'S3'], testSubjects: ['S4'] })).toEqual([
      "testSubjects: S4 is not one of the run's subjects",
    ]);
    expect(issuesOf({ subjects: ['S2', 'S2', 'S3'] })).toEqual(['subjects: S2 is named twice']);
    expect(issuesOf({ subjects: ['S2', 'S3'], validationSubjects: ['S2'], testSubjects: ['S3'] })).toEqual([
      'subjects: No subject is left for training.',
    ]);
  });

  it('keeps epochs, batch size and learning rate within the documented bounds', () => {
    expect(parseRunParams({ epochs: runParamBounds.epochs.max, batch_size: 1, learning_rate: 1 })).toMatchObject({
      epochs: 500,
    });
    for (const params of [
      { epochs: 1e8 },
      { epochs: runParamBounds.epochs.max + 1 },
      { batch_size: 4096 },
      { learning_rate: 5 },
      { learning_rate: 1e-9 },
    ]) {
      expect(() => parseRunParams(params), JSON.stringify(params)).toThrow(ZodError);
    }
    try {
      parseRunParams({ epochs: 1e8 });
    } catch (error: unknown) {
      expect((error as ZodError).issues).toEqual([
        expect.objectContaining({ path: ['epochs'], message: 'epochs must be between 1 and 500' }),
      ]);
    }
  });
});
