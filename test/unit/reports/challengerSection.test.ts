import { describe, expect, it } from 'vitest';
import { challengerSection } from '../../../src/domain/reports/challengerSection.js';
import { judgeChallenger } from '../../../src/domain/continuous/challengerVerdict.js';
import type { ContinuousTrainingRun } from '../../../src/domain/runs/runRecords.js';

const verdict = judgeChallenger({
  metric: 'test_auc',
  margin: 0.01,
  challengerStage: 'staging',
  championStage: 'production',
  challenger: {
    version: '1.4.0',
    metrics: { test_auc: 0.91, test_accuracy: 0.8 },
    perSubject: [{ subject: 'S7', windows: 40, metrics: { test_auc: 0.93 } }],
  },
  champion: {
    version: '1.2.0',
    metrics: { test_auc: 0.88, test_accuracy: 0.83 },
    perSubject: [{ subject: 'S7', windows: 40, metrics: { test_auc: 0.9 } }],
    trainedOnTestSubjects: ['S7'],
  },
  gateChecks: [{ check: 'metric test_auc ≥ 0.85', passed: true, detail: 'test_auc is 0.91' }],
  judgedAt: '2026-11-26T10:00:00.000Z',
});

function trigger(overrides: Partial<ContinuousTrainingRun> = {}): ContinuousTrainingRun {
  return {
    snapshotHash: 'abc',
    windowSets: 5,
    metric: 'test_auc',
    margin: 0.01,
    report: '/api/runs/r/report',
    verdict,
    ...overrides,
  };
}

describe('the challenger part of a run report', () => {
  it('shows challenger and champion side by side with deltas, per subject, and the decision', () => {
    const html = challengerSection(trigger());
    expect(html).toContain('<td>test_auc (judged)</td><td>0.9100</td><td>0.8800</td><td>+0.0300</td>');
    expect(html).toContain('<td>test_accuracy</td><td>0.8000</td><td>0.8300</td><td>-0.0300</td>');
    expect(html).toContain('<td>S7</td><td>0.9300</td><td>0.9000</td><td>+0.0300</td>');
    expect(html).toContain('Assigned to staging');
    expect(html).toContain('The champion was trained on S7');
  });

  it('says when the run is not judged yet, and escapes what it prints', () => {
    expect(challengerSection(trigger({ verdict: null }))).toContain('Not judged yet.');
    expect(challengerSection(trigger({ snapshotHash: '<script>' }))).toContain('&#60;script&#62;');
  });
});
