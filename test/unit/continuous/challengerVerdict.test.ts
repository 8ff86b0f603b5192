import { describe, expect, it } from 'vitest';
import { judgeChallenger, type VerdictInput } from '../../../src/domain/continuous/challengerVerdict.js';

function input(overrides: Partial<VerdictInput> = {}): VerdictInput {
  return {
    metric: 'test_auc',
    margin: 0.01,
    challengerStage: 'staging',
    championStage: 'production',
    challenger: { version: '1.3.0', metrics: { test_auc: 0.9, test_accuracy: 0.8 }, perSubject: [] },
    champion: {
      version: '1.1.0',
      metrics: { test_auc: 0.85, test_accuracy: 0.82 },
      perSubject: [],
      trainedOnTestSubjects: [],
    },
    gateChecks: [{ check: 'metric test_auc ≥ 0.8', passed: true, detail: 'test_auc is 0.9' }],
    judgedAt: '2026-11-26T10:00:00.000Z',
    ...overrides,
  };
}

describe('judging a challenger', () => {
  it('promotes a challenger that beats the champion by the margin, and says so with both scores', () => {
    const verdict = judgeChallenger(input());
    expect(verdict.promote).toBe(true);
    expect(verdict.deltas.test_auc).toBeCloseTo(0.05, 12);
    expect(verdict.deltas.test_accuracy).toBeCloseTo(-0.02, 12);
    expect(verdict.reason).toContain('1.3.0 → staging');
    expect(verdict.reason).toContain('test_auc 0.9000 vs 0.8500 for production 1.1.0');
    expect(verdict.assignedAt).toBeNull();
  });

  it('keeps a challenger whose lead is below the margin', () => {
    const verdict = judgeChallenger(input({ margin: 0.06 }));
    expect(verdict.promote).toBe(false);
    expect(verdict.reason).toContain('not assigned to staging');
    expect(verdict.reason).toContain('below the margin 0.0600');
  });

  it('accepts a tie band with a negative margin', () => {
    expect(
      judgeChallenger(
        input({ margin: -0.1, challenger: { version: '2.0.0', metrics: { test_auc: 0.8 }, perSubject: [] } }),
      ).promote,
    ).toBe(true);
  });

  it('never promotes past a failed gate check, however good the score', () => {
    const verdict = judgeChallenger(
      input({ gateChecks: [{ check: 'metric test_f1 ≥ 0.9', passed: false, detail: 'test_f1 is 0.5' }] }),
    );
    expect(verdict.promote).toBe(false);
    expect(verdict.reason).toContain('metric test_f1 ≥ 0.9 (test_f1 is 0.5)');
  });

  it('promotes over an empty champion stage when the gates pass, and not without the metric', () => {
    expect(judgeChallenger(input({ champion: null })).reason).toContain('no version is in production');
    expect(judgeChallenger(input({ champion: null })).promote).toBe(true);
    const unscored = judgeChallenger(
      input({ champion: null, challenger: { version: '1.3.0', metrics: {}, perSubject: [] } }),
    );
    expect(unscored.promote).toBe(false);
    expect(unscored.reason).toContain('has no test_auc');
  });
});
