import { describe, expect, it } from 'vitest';
import { apiOperations } from '../../../src/api/apiOperations.js';
import { callerProfile } from '../../../src/api/callerProfile.js';
import { parseRegistryConfig } from '../../../src/domain/registry/registryConfig.js';

const registry = parseRegistryConfig({});
const caller = (roles: string[]) => ({ id: 'someone', name: 'someone@example.org', roles });

describe('GET /api/me: what the caller may do', () => {
  it('offers a Researcher runs and the ungated stages, not production, the audit trail or erasure', () => {
    const profile = callerProfile(caller(['Researcher']), apiOperations, registry);
    expect(profile.may.startRun).toBe(true);
    expect(profile.may.listRuns).toBe(true);
    expect(profile.may.listAudit).toBe(false);
    expect(profile.may.eraseSubject).toBe(false);
    expect(profile.mayChangeStage).toEqual({ development: true, staging: true, production: false });
  });

  it('offers an approver production, and a compliance officer the audit trail and no stage', () => {
    expect(callerProfile(caller(['ModelApprover']), apiOperations, registry).mayChangeStage.production).toBe(true);
    const compliance = callerProfile(caller(['ComplianceOfficer']), apiOperations, registry);
    expect(compliance.may.listAudit).toBe(true);
    expect(compliance.may.verifyAudit).toBe(true);
    expect(compliance.may.startRun).toBe(false);
    expect(Object.values(compliance.mayChangeStage)).toEqual([false, false, false]);
  });

  it('follows the configured gates: a stage whose gate names Admin is offered to Admin only', () => {
    const gated = parseRegistryConfig({
      REGISTRY_STAGES: 'development,production',
      REGISTRY_GATES: JSON.stringify({ production: { roles: ['Admin'] } }),
    });
    expect(callerProfile(caller(['ModelApprover']), apiOperations, gated).mayChangeStage).toEqual({
      development: true,
      production: false,
    });
    expect(callerProfile(caller(['Admin']), apiOperations, gated).mayChangeStage.production).toBe(true);
  });

  it('answers for every operation of the table that is not stage-gated', () => {
    const profile = callerProfile(caller([]), apiOperations, registry);
    const routeIndependent = Object.entries(apiOperations)
      .filter(([, operation]) => operation.access !== 'stage-gate')
      .map(([name]) => name);
    expect(Object.keys(profile.may).sort()).toEqual(routeIndependent.sort());
    expect(profile.may.health).toBe(true);
    expect(profile.may.listRuns).toBe(false);
  });
});
