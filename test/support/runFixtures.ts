import { newRunId } from '../../src/domain/runs/runIds.js';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';

/** A finished run as tests and benchmarks store it; override what the test is about. */
export function finishedRun(overrides: Partial<RunRecord> & { experiment: string }, createdAt = new Date()): RunRecord {
  return {
    runId: newRunId(createdAt),
    status: 'succeeded',
    createdBy: 'researcher-1',
    createdAt: createdAt.toISOString(),
    startedAt: null,
    finishedAt: null,
    params: {},
    metrics: {},
    trainSubjects: [],
    validationSubjects: [],
    testSubjects: [],
    datasetSnapshot: null,
    backend: 'embedded',
    codeVersion: '0.1.0',
    gitCommit: null,
    progress: null,
    modelName: 'stress-cnn',
    modelVersion: null,
    error: null,
    ...overrides,
  };
}
