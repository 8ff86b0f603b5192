import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../../src/domain/registry/stageGates.js';
import { parseRegistryConfig } from '../../../src/domain/registry/registryConfig.js';
import type { ModelVersion } from '../../../src/domain/registry/registryRecords.js';

const approver = { id: 'approver-1', name: 'approver', roles: ['ModelApprover'] };

function version(evaluation?: ModelVersion['evaluation']): ModelVersion {
  return {
    model: 'stress-cnn',
    version: '1.0.0',
    runId: 'r1',
    datasetSnapshot: 'snap',
    artifactPath: 'p',
    artifactSha256: 'e'.repeat(64),
    metrics: { test_auc: 0.99 },
    runCreatedBy: 'researcher-1',
    registeredBy: 'system',
    registeredAt: '2026-12-04T00:00:00Z',
    status: 'active',
    trainedOnErasedData: false,
    ...(evaluation === undefined ? {} : { evaluation }),
  };
}

const config = parseRegistryConfig({
  REGISTRY_GATES: JSON.stringify({
    production: { minimumEvaluation: { scheme: 'loso', means: { test_auc: 0.8 } }, roles: ['ModelApprover'] },
  }),
});
const gate = config.gates.production;

describe('a promotion gate that requires an evaluation', () => {
  it('passes a version registered from a LOSO evaluation whose mean reaches the minimum', () => {
    const basis = { evaluationId: 'e1', scheme: 'loso', configuration: 0, folds: 15, means: { test_auc: 0.83 } };
    expect(evaluateGate(gate, version(basis), approver).every((check) => check.passed)).toBe(true);
  });

  it('refuses one without an evaluation, with another scheme, or below the minimum, whatever its own test AUC', () => {
    const failed = (candidate: ModelVersion) =>
      evaluateGate(gate, candidate, approver)
        .filter((check) => !check.passed)
        .map((check) => check.check);
    expect(failed(version())).toEqual(['registered from an evaluation (loso)']);
    expect(
      failed(version({ evaluationId: 'e2', scheme: 'split', configuration: 0, folds: 1, means: { test_auc: 0.9 } })),
    ).toEqual(['registered from an evaluation (loso)']);
    expect(
      failed(version({ evaluationId: 'e3', scheme: 'loso', configuration: 1, folds: 15, means: { test_auc: 0.7 } })),
    ).toEqual(['evaluation mean test_auc ≥ 0.8']);
  });

  it('is refused in REGISTRY_GATES when malformed', () => {
    expect(() =>
      parseRegistryConfig({
        REGISTRY_GATES: JSON.stringify({ production: { minimumEvaluation: { scheme: 'loocv', means: {} } } }),
      }),
    ).toThrow();
  });
});
