import { describe, expect, it } from 'vitest';
import { renderEvaluationReport } from '../../../src/domain/reports/evaluationReport.js';
import { evaluationView } from '../../../src/domain/evaluations/evaluationView.js';
import type { EvaluationRecord } from '../../../src/domain/evaluations/evaluationRecords.js';

function record(scheme: EvaluationRecord['scheme']): EvaluationRecord {
  return {
    evaluationId: 'e0000000000001deadbeef',
    experiment: 'default',
    model: 'stress-cnn',
    scheme,
    k: scheme === 'kfold' ? 2 : null,
    subjects: ['S2', 'S3', 'S10'],
    configurations: [{ index: 0, params: { activation: '<script>' } }],
    parallelism: 1,
    status: 'running',
    createdBy: 'researcher-1',
    createdAt: '2026-12-04T10:00:00Z',
    startedAt: null,
    finishedAt: null,
    folds: [],
    progress: { finished: 0, total: 3 },
    aggregates: [],
    comparisons: [],
    error: null,
  };
}

describe('the evaluation report', () => {
  it('states the scheme and says when the published LOSO numbers are not comparable', () => {
    const loso = renderEvaluationReport(evaluationView(record('loso'), []));
    expect(loso).toContain('leave-one-subject-out over 3 subjects');
    expect(loso).toContain('Both are leave-one-subject-out');
    expect(loso).toContain('84.11');
    const kfold = renderEvaluationReport(evaluationView(record('kfold'), []));
    expect(kfold).toContain('k-fold by subject (k = 2) over 3 subjects');
    expect(kfold).toContain('not directly comparable');
  });

  it('escapes what researchers wrote and says when no fold has finished', () => {
    const html = renderEvaluationReport(evaluationView(record('loso'), []));
    expect(html).not.toContain('<script>');
    expect(html).toContain('No fold has finished yet.');
  });
});
