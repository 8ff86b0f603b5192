import { describe, expect, it } from 'vitest';
import {
  bySymbol,
  compileMain,
  evaluate,
  getPath,
  prop,
  resourcesOfType,
  single,
  traced,
  text,
} from './compiledTemplate.js';

const template = await compileMain();
const account = single(template, 'Microsoft.Storage/storageAccounts');
const blobService = single(template, 'Microsoft.Storage/storageAccounts/blobServices');

describe('storage account (security baseline)', () => {
  it('Azure.Storage.MinTLS (AZR-000200), CKV_AZURE_44: minimumTlsVersion is TLS1_2', () => {
    expect(prop(account, 'properties.minimumTlsVersion')).toBe('TLS1_2');
  });

  it('Azure.Storage.SecureTransfer (AZR-000196), CKV_AZURE_3: supportsHttpsTrafficOnly is written out as true', () => {
    expect(prop(account, 'properties.supportsHttpsTrafficOnly')).toBe(true);
  });

  it('Azure.Storage.BlobPublicAccess (AZR-000198): allowBlobPublicAccess is false', () => {
    expect(prop(account, 'properties.allowBlobPublicAccess')).toBe(false);
  });

  it('Azure.Storage.BlobAccessType (AZR-000199), CKV_AZURE_34: every container is private', () => {
    const containers = resourcesOfType(template, 'Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(containers.length).toBeGreaterThan(0);
    for (const container of containers) {
      expect(prop(container, 'properties.publicAccess'), container.symbol).toBe('None');
    }
  });

  it('Azure.Storage.BlobAccessType: the containers are wesad-raw, wesad-processed, models and the deployment package', () => {
    // The copy loop; the audit checkpoint container is its own resource (auditCheckpoints.test.ts).
    const containers = bySymbol(template, 'storage', 'containers');
    expect(getPath(containers.resource, 'copy.count')).toBe("[length(variables('containerNames'))]");
    expect(containers.resource.name).toContain("variables('containerNames')[copyIndex()]");
    expect(evaluate(containers.scope, "[variables('containerNames')]")).toEqual([
      'wesad-raw',
      'wesad-processed',
      'models',
      'app-package',
    ]);
  });

  it('Azure.Storage.LocalAuth: shared key access is off and OAuth is the default', () => {
    expect(prop(account, 'properties.allowSharedKeyAccess')).toBe(false);
    expect(prop(account, 'properties.defaultToOAuthAuthentication')).toBe(true);
  });

  it('Azure.Storage.SoftDelete (AZR-000197): blob soft delete is enabled with a retention', () => {
    expect(prop(blobService, 'properties.deleteRetentionPolicy.enabled')).toBe(true);
    const days = traced(blobService, 'properties.deleteRetentionPolicy.days');
    expect(days.rootParameter).toBe('blobSoftDeleteRetentionDays');
    expect(days.value).toBeGreaterThanOrEqual(7);
  });

  it('Azure.Storage.ContainerSoftDelete (AZR-000289): container soft delete is enabled with a retention', () => {
    expect(prop(blobService, 'properties.containerDeleteRetentionPolicy.enabled')).toBe(true);
    const days = traced(blobService, 'properties.containerDeleteRetentionPolicy.days');
    expect(days.rootParameter).toBe('containerSoftDeleteRetentionDays');
    expect(days.value).toBeGreaterThanOrEqual(7);
  });

  it('Azure.Storage.Firewall (AZR-000202), CKV_AZURE_35/36: network rules deny by default, a parameter opens them', () => {
    const action = traced(account, 'properties.networkAcls.defaultAction');
    expect(action.rootParameter).toBe('storageNetworkDefaultAction');
    expect(action.value).toBe('Deny');
    expect(action.definition?.allowedValues).toEqual(['Allow', 'Deny']);
    expect(prop(account, 'properties.networkAcls.bypass')).toBe('AzureServices');
  });

  it('Azure.Storage.Firewall: the Functions integration subnet is admitted when VNet integration is on', () => {
    expect(text(getPath(account.resource, 'properties.networkAcls.virtualNetworkRules'))).toContain(
      "parameters('functionsSubnetId')",
    );
  });
});

describe('storage customer-managed key (MCSB DP-5)', () => {
  it('MCSB DP-5: encryption keySource is Microsoft.Keyvault with infrastructure encryption', () => {
    expect(prop(account, 'properties.encryption.keySource')).toBe('Microsoft.Keyvault');
    expect(prop(account, 'properties.encryption.requireInfrastructureEncryption')).toBe(true);
  });

  it('MCSB DP-5: keyvaultproperties name the vault and key without pinning a key version', () => {
    // Exactly these two properties: no keyversion, so the account follows the key's rotation.
    expect(prop(account, 'properties.encryption.keyvaultproperties')).toEqual({
      keyvaulturi: "[reference('keyVault').outputs.keyVaultUri.value]",
      keyname: "[reference('keyVault').outputs.storageKeyName.value]",
    });
  });

  it('MCSB DP-5: a user-assigned identity reaches the key', () => {
    expect(prop(account, 'identity.type')).toBe('UserAssigned');
    const encryptionIdentity = text(getPath(account.resource, 'properties.encryption.identity.userAssignedIdentity'));
    expect(encryptionIdentity).toContain("parameters('encryptionIdentityName')");
    expect(Object.keys(getPath(account.resource, 'identity.userAssignedIdentities') as object)).toEqual([
      "[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('encryptionIdentityName')))]",
    ]);
  });

  it('MCSB DP-5: blob, queue and table services are covered by the account key', () => {
    for (const service of ['blob', 'queue', 'table']) {
      expect(prop(account, `properties.encryption.services.${service}`), service).toEqual({
        enabled: true,
        keyType: 'Account',
      });
    }
  });
});

describe('storage access logs and Functions host services', () => {
  const diagnostics = resourcesOfType(template, 'Microsoft.Insights/diagnosticSettings');

  for (const service of ['blobServices', 'queueServices', 'tableServices']) {
    it(`MCSB LT-3, CKV_AZURE_33: ${service} send StorageRead, StorageWrite and StorageDelete to the workspace`, () => {
      const setting = diagnostics.find((d) =>
        text(d.resource.scope).startsWith(`[resourceId('Microsoft.Storage/storageAccounts/${service}'`),
      );
      expect(setting, `diagnostic setting scoped to ${service}`).toBeDefined();
      if (setting === undefined) return;
      const logs = prop(setting, 'properties.logs');
      expect(logs).toEqual(
        expect.arrayContaining(
          ['StorageRead', 'StorageWrite', 'StorageDelete'].map((category) => ({ category, enabled: true })),
        ),
      );
      expect(traced(setting, 'properties.workspaceId').value).toBe(
        "[reference('monitoring').outputs.logAnalyticsWorkspaceId.value]",
      );
    });
  }

  it('Durable Functions: the queue and table services of the host account are provisioned', () => {
    expect(resourcesOfType(template, 'Microsoft.Storage/storageAccounts/queueServices')).toHaveLength(1);
    expect(resourcesOfType(template, 'Microsoft.Storage/storageAccounts/tableServices')).toHaveLength(1);
  });
});
