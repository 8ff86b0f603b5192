import { describe, expect, it } from 'vitest';
import { compileMain, getPath, moduleScope, prop, resourcesOfType, single, traced } from './compiledTemplate.js';

const template = await compileMain();
const vault = single(template, 'Microsoft.KeyVault/vaults');
const key = single(template, 'Microsoft.KeyVault/vaults/keys');

describe('Key Vault (security baseline)', () => {
  it('Azure.KeyVault.SoftDelete (AZR-000124), CKV_AZURE_42/111: soft delete is on with a retention', () => {
    expect(prop(vault, 'properties.enableSoftDelete')).toBe(true);
    const days = traced(vault, 'properties.softDeleteRetentionInDays');
    expect(days.rootParameter).toBe('keyVaultSoftDeleteRetentionInDays');
    expect(days.value).toBe(90);
  });

  it('Azure.KeyVault.PurgeProtect (AZR-000125), CKV_AZURE_110: purge protection is on', () => {
    expect(prop(vault, 'properties.enablePurgeProtection')).toBe(true);
  });

  it('Azure.KeyVault.RBAC: the data plane uses Azure RBAC', () => {
    expect(prop(vault, 'properties.enableRbacAuthorization')).toBe(true);
  });

  it('Azure.KeyVault.Logs (AZR-000119): the vault sends AuditEvent to the workspace', () => {
    const setting = resourcesOfType(template, 'Microsoft.Insights/diagnosticSettings').find(
      (d) => d.resource.scope === "[resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName'))]",
    );
    expect(setting, 'diagnostic setting scoped to the vault').toBeDefined();
    if (setting === undefined) return;
    expect(prop(setting, 'properties.logs')).toContainEqual({ category: 'AuditEvent', enabled: true });
    expect(traced(setting, 'properties.workspaceId').value).toBe(
      "[reference('monitoring').outputs.logAnalyticsWorkspaceId.value]",
    );
  });

  it('Azure.KeyVault.AutoRotationPolicy (AZR-000123), CKV_AZURE_40: the key has a rotate action and an expiry', () => {
    const lifetimeActions = prop(key, 'properties.rotationPolicy.lifetimeActions');
    expect(lifetimeActions).toContainEqual({ trigger: { timeAfterCreate: 'P180D' }, action: { type: 'rotate' } });
    const expiry = traced(key, 'properties.rotationPolicy.attributes.expiryTime');
    expect(expiry.rootParameter).toBe('cmkExpiryTime');
    expect(expiry.value).toBe('P1Y');
  });

  it('Azure.KeyVault.Firewall, CKV_AZURE_109/189: the vault firewall denies by default', () => {
    const action = traced(vault, 'properties.networkAcls.defaultAction');
    expect(action.rootParameter).toBe('keyVaultNetworkDefaultAction');
    expect(action.value).toBe('Deny');
    // Trusted services: the storage account reaches its customer-managed key through the firewall.
    expect(prop(vault, 'properties.networkAcls.bypass')).toBe('AzureServices');
  });
});

describe('customer-managed key for storage', () => {
  it('MCSB DP-5: the key is RSA 3072 for wrapping only, not exportable', () => {
    expect(prop(key, 'properties.kty')).toBe('RSA');
    const size = traced(key, 'properties.keySize');
    expect(size.rootParameter).toBe('cmkKeySize');
    expect(size.value).toBe(3072);
    expect(size.definition?.allowedValues).toEqual([3072, 4096]);
    expect(prop(key, 'properties.keyOps')).toEqual(['wrapKey', 'unwrapKey']);
    expect(prop(key, 'properties.attributes.exportable')).toBe(false);
  });

  it('MCSB DP-5: rotation happens before the key version expires and is notified', () => {
    expect(prop(key, 'properties.rotationPolicy.lifetimeActions')).toContainEqual({
      trigger: { timeBeforeExpiry: 'P30D' },
      action: { type: 'notify' },
    });
  });

  it('MCSB DP-5: the storage account gets the key by name from this module (no version pinned)', () => {
    const keyVaultScope = moduleScope(template, 'keyVault');
    expect(getPath(keyVaultScope.template, 'outputs.storageKeyName.value')).toBe("[parameters('storageKeyName')]");
    expect(getPath(keyVaultScope.template, 'outputs.keyVaultUri.value')).toContain('vaultUri');
    expect(key.resource.name).toBe("[format('{0}/{1}', parameters('keyVaultName'), parameters('storageKeyName'))]");
  });
});
