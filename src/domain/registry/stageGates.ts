import type { StageGate } from './registryConfig.js';
import type { ModelVersion } from './registryRecords.js';
import type { Actor } from '../../platform/identity/actor.js';

export interface GateCheck {
  check: string;
  passed: boolean;
  detail: string;
}

/**
 * Evaluates a stage's gate for a version and an approver; every check is reported, passed or not.
 * Who may assign the stage at all (`gate.roles`) is authorisation, checked before this.
 */
export function evaluateGate(gate: StageGate | undefined, version: ModelVersion, approver: Actor): GateCheck[] {
  if (gate === undefined) return [];
  const checks: GateCheck[] = [];
  for (const [metric, minimum] of Object.entries(gate.minimumMetrics)) {
    const value = version.metrics[metric];
    checks.push({
      check: `metric ${metric} ≥ ${minimum}`,
      passed: value !== undefined && value >= minimum,
      detail: value === undefined ? `the version has no ${metric}` : `${metric} is ${value}`,
    });
  }
  if (gate.minimumEvaluation !== undefined) checks.push(...evaluationChecks(gate.minimumEvaluation, version));
  if (gate.distinctApprover) {
    checks.push({
      check: 'approver differs from the run creator',
      passed: approver.id !== version.runCreatedBy,
      detail: `approver ${approver.id}, run created by ${version.runCreatedBy}`,
    });
  }
  return checks;
}

/** The gate's evaluation requirement: an evaluation behind the version, of the scheme asked, each mean at its minimum. */
function evaluationChecks(required: NonNullable<StageGate['minimumEvaluation']>, version: ModelVersion): GateCheck[] {
  const basis = version.evaluation;
  const scheme = required.scheme ?? 'any scheme';
  if (basis === undefined) {
    return [
      {
        check: `registered from an evaluation (${scheme})`,
        passed: false,
        detail: 'the version was not registered from an evaluation',
      },
    ];
  }
  const checks: GateCheck[] = [
    {
      check: `registered from an evaluation (${scheme})`,
      passed: required.scheme === undefined || basis.scheme === required.scheme,
      detail: `evaluation ${basis.evaluationId}, ${basis.scheme} over ${basis.folds} folds`,
    },
  ];
  for (const [metric, minimum] of Object.entries(required.means)) {
    const value = basis.means[metric];
    checks.push({
      check: `evaluation mean ${metric} ≥ ${minimum}`,
      passed: value !== undefined && value >= minimum,
      detail: value === undefined ? `the evaluation has no mean ${metric}` : `mean ${metric} is ${value}`,
    });
  }
  return checks;
}
