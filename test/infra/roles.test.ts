import { describe, expect, it } from 'vitest';
import { compileMain, evaluate, getPath, resourcesOfType, type FoundResource, text } from './compiledTemplate.js';

const template = await compileMain();

const roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  keyVaultCryptoServiceEncryptionUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
} as const;

interface Assignment {
  readonly module: string;
  readonly roleId: string;
  readonly scope: string;
  readonly principalId: string;
  readonly principalType: unknown;
  readonly condition: unknown;
}

function describeAssignment(found: FoundResource): Assignment {
  const definition = text(getPath(found.resource, 'properties.roleDefinitionId'));
  const variable = /variables\('(\w+)'\)/.exec(definition)?.[1];
  const roleId = variable === undefined ? definition : text(evaluate(found.scope, `[variables('${variable}')]`));
  return {
    module: found.scope.path,
    roleId,
    scope: text(found.resource.scope),
    principalId: text(getPath(found.resource, 'properties.principalId')),
    principalType: getPath(found.resource, 'properties.principalType'),
    condition: found.resource.condition,
  };
}

const assignments = resourcesOfType(template, 'Microsoft.Authorization/roleAssignments').map(describeAssignment);

function find(roleId: string): Assignment[] {
  return assignments.filter((a) => a.roleId === roleId);
}

describe('role assignments (least privilege)', () => {
  it('the app identity holds Storage Blob Data Owner, Queue and Table Data Contributor on the storage account', () => {
    for (const roleId of [
      roles.storageBlobDataOwner,
      roles.storageQueueDataContributor,
      roles.storageTableDataContributor,
    ]) {
      expect(find(roleId), roleId).toEqual([
        {
          module: 'storage',
          roleId,
          scope: "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]",
          principalId: "[reference('appIdentity').principalId]",
          principalType: 'ServicePrincipal',
          condition: undefined,
        },
      ]);
    }
  });

  it('the app identity holds Key Vault Secrets User on the vault', () => {
    expect(find(roles.keyVaultSecretsUser)).toEqual([
      {
        module: 'keyVault',
        roleId: roles.keyVaultSecretsUser,
        scope: "[resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName'))]",
        principalId: "[reference('appIdentity').principalId]",
        principalType: 'ServicePrincipal',
        condition: undefined,
      },
    ]);
  });

  it('the storage identity holds Key Vault Crypto Service Encryption User on the key only', () => {
    expect(find(roles.keyVaultCryptoServiceEncryptionUser)).toEqual([
      {
        module: 'keyVault',
        roleId: roles.keyVaultCryptoServiceEncryptionUser,
        scope:
          "[resourceId('Microsoft.KeyVault/vaults/keys', parameters('keyVaultName'), parameters('storageKeyName'))]",
        principalId: "[reference('storageIdentity').principalId]",
        principalType: 'ServicePrincipal',
        condition: undefined,
      },
    ]);
  });

  it('the app identity publishes telemetry with Monitoring Metrics Publisher on Application Insights', () => {
    expect(find(roles.monitoringMetricsPublisher)).toEqual([
      {
        module: 'functionApp',
        roleId: roles.monitoringMetricsPublisher,
        scope: "[resourceId('Microsoft.Insights/components', parameters('appInsightsName'))]",
        principalId: "[reference('appIdentity').principalId]",
        principalType: 'ServicePrincipal',
        condition: undefined,
      },
    ]);
  });

  it('optional people roles are scoped narrowly and off by default', () => {
    const [officer] = find(roles.keyVaultSecretsOfficer);
    expect(officer?.condition).toBe("[not(equals(parameters('secretsOfficerPrincipalId'), null()))]");
    expect(getPath(template, 'parameters.secretsOfficerPrincipalId.nullable')).toBe(true);
    const [uploaders] = find(roles.storageBlobDataContributor);
    expect(uploaders?.scope).toBe(
      "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', variables('rawContainerName'))]",
    );
    expect(getPath(template, 'parameters.rawUploaderPrincipalIds.defaultValue')).toEqual([]);
  });

  it('no other roles are assigned (no Owner, Contributor, administrators or account keys)', () => {
    const allowed: string[] = Object.values(roles);
    expect(assignments.filter((a) => !allowed.includes(a.roleId))).toEqual([]);
    expect(assignments).toHaveLength(8);
  });
});
