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
  if (gate.distinctApprover) {
    checks.push({
      check: 'approver differs from the run creator',
      passed: approver.id !== version.runCreatedBy,
      detail: `approver ${approver.id}, run created by ${version.runCreatedBy}`,
    });
  }
  return checks;
}
