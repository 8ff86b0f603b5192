import type { RegistryConfig } from './registryConfig.js';

/** Researchers move versions through ungated stages; approvers may do that too. */
const ungatedStageRoles = ['Researcher', 'ModelApprover'];

/** The app roles that may assign or unassign a stage: the gate's roles where it names any. */
export function rolesForStage(config: RegistryConfig, stage: string): string[] {
  const gateRoles = config.gates[stage]?.roles ?? [];
  return gateRoles.length > 0 ? gateRoles : ungatedStageRoles;
}
