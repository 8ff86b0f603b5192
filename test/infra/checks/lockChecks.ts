/**
 * Delete locks on the resources that hold audit evidence. Microsoft Learn, azure-resource-manager/management/
 * lock-resources: a CanNotDelete lock lets authorized users read and modify a resource but not delete it (nor
 * the resource group holding it); only Owner and User Access Administrator may create or remove locks.
 */
import type { Deployment } from '../arm/deployment.js';
import { text } from '../arm/values.js';
import { declaration, ofType, parameter, prop, show, type Check } from './check.js';

/** The audit-bearing resources: storage (data, access-logged blobs, audit table), vault, workspace. */
const lockedTypes = [
  'Microsoft.Storage/storageAccounts',
  'Microsoft.KeyVault/vaults',
  'Microsoft.OperationalInsights/workspaces',
] as const;

function lockedIds(deployment: Deployment): string[] {
  return ofType(deployment, 'Microsoft.Authorization/locks')
    .filter((lock) => prop(lock, 'properties.level') === 'CanNotDelete')
    .map((lock) => text(prop(lock, 'scope')));
}

export const lockChecks: Check[] = [
  {
    id: 'delete locks on audit evidence',
    title:
      'with enableDeleteLocks (default true) the storage account, Key Vault and workspace carry a CanNotDelete lock',
    run: (input) => {
      const violations: string[] = [];
      const declared = declaration(input, 'enableDeleteLocks');
      if (declared?.defaultValue !== true)
        violations.push(`enableDeleteLocks defaults to ${show(declared?.defaultValue)}`);
      const description = JSON.stringify(declared?.metadata ?? null);
      if (!description.includes('docs/deployment.md'))
        violations.push('enableDeleteLocks does not say where teardown is described');
      const locked = lockedIds(input.deployment);
      const wanted = parameter(input, 'enableDeleteLocks') === true;
      for (const type of lockedTypes) {
        for (const resource of ofType(input.deployment, type)) {
          if (locked.includes(resource.id) !== wanted) {
            violations.push(
              `${type} ${resource.name}: CanNotDelete lock ${wanted ? 'missing' : 'present although enableDeleteLocks is false'}`,
            );
          }
        }
      }
      return violations;
    },
  },
];
