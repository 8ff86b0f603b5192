/** Key Vault and customer-managed key rules of the security baseline (design doc security-baseline.md). */
import type { DeployedResource } from '../arm/deployment.js';
import {
  declaration,
  exactlyOne,
  expectLogs,
  expectProp,
  parameter,
  prop,
  sameText,
  show,
  type Check,
  type CheckInput,
} from './check.js';
import { firewallDefault, functionsSubnetId } from './storageChecks.js';

function withVault(run: (vault: DeployedResource, input: CheckInput) => string[]): Check['run'] {
  return (input) => {
    const violations: string[] = [];
    const vault = exactlyOne(input.deployment, 'Microsoft.KeyVault/vaults', violations);
    return vault === undefined ? violations : [...violations, ...run(vault, input)];
  };
}

function withKey(run: (key: DeployedResource, input: CheckInput) => string[]): Check['run'] {
  return (input) => {
    const violations: string[] = [];
    const key = exactlyOne(input.deployment, 'Microsoft.KeyVault/vaults/keys', violations);
    return key === undefined ? violations : [...violations, ...run(key, input)];
  };
}

export const keyVaultChecks: Check[] = [
  {
    id: 'Azure.KeyVault.SoftDelete (AZR-000124), CKV_AZURE_42/111',
    title: 'vault soft delete is on with the configured retention',
    run: withVault((vault, input) => [
      ...expectProp(vault, 'properties.enableSoftDelete', true),
      ...expectProp(
        vault,
        'properties.softDeleteRetentionInDays',
        parameter(input, 'keyVaultSoftDeleteRetentionInDays') ?? null,
      ),
    ]),
  },
  {
    id: 'Azure.KeyVault.PurgeProtect (AZR-000125), CKV_AZURE_110',
    title: 'purge protection is on (a customer-managed key requires it)',
    run: withVault((vault) => expectProp(vault, 'properties.enablePurgeProtection', true)),
  },
  {
    id: 'Azure.KeyVault.RBAC',
    title:
      'the data plane uses Azure RBAC; the vault is not open to VM deployment, disk encryption or template deployment',
    run: withVault((vault) => [
      ...expectProp(vault, 'properties.enableRbacAuthorization', true),
      ...expectProp(vault, 'properties.enabledForDeployment', false),
      ...expectProp(vault, 'properties.enabledForDiskEncryption', false),
      ...expectProp(vault, 'properties.enabledForTemplateDeployment', false),
    ]),
  },
  {
    id: 'Azure.KeyVault.Logs (AZR-000119)',
    title: 'the vault sends AuditEvent to the workspace',
    run: withVault((vault, input) => expectLogs(input.deployment, vault, ['AuditEvent'])),
  },
  {
    id: 'Azure.KeyVault.Firewall, CKV_AZURE_109/189',
    title:
      'the vault firewall denies by default, admits the allowed IPs and, with VNet integration, the Functions subnet',
    run: withVault((vault, input) => {
      const ranges = parameter(input, 'allowedIpRanges');
      const subnet = functionsSubnetId(input);
      return [
        ...firewallDefault(vault, input, 'keyVaultNetworkDefaultAction'),
        ...expectProp(
          vault,
          'properties.networkAcls.ipRules',
          (Array.isArray(ranges) ? ranges : []).map((value) => ({ value })),
        ),
        ...expectProp(
          vault,
          'properties.networkAcls.virtualNetworkRules',
          subnet === null ? [] : [{ id: subnet, ignoreMissingVnetServiceEndpoint: false }],
        ),
      ];
    }),
  },
  {
    id: 'Azure.KeyVault.AutoRotationPolicy (AZR-000123), CKV_AZURE_40',
    title:
      'the key rotates after cmkRotationAfterCreate, each version expires after cmkExpiryTime, with a notice 30 days before',
    run: withKey((key, input) => {
      const actions = prop(key, 'properties.rotationPolicy.lifetimeActions');
      const list = Array.isArray(actions) ? actions : [];
      const violations = expectProp(
        key,
        'properties.rotationPolicy.attributes.expiryTime',
        parameter(input, 'cmkExpiryTime') ?? null,
      );
      const rotate = {
        trigger: { timeAfterCreate: parameter(input, 'cmkRotationAfterCreate') ?? null },
        action: { type: 'rotate' },
      };
      const notify = { trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'notify' } };
      for (const wanted of [rotate, notify]) {
        if (!list.some((a) => sameText(a, wanted)))
          violations.push(`key lifetime actions ${show(actions)} lack ${show(wanted)}`);
      }
      return violations;
    }),
  },
  {
    id: 'MCSB DP-5 (key)',
    title: 'the customer-managed key is RSA 3072 or 4096, wraps and unwraps only, and is not exportable',
    run: withKey((key, input) => {
      const violations = [
        ...expectProp(key, 'properties.kty', 'RSA'),
        ...expectProp(key, 'properties.keySize', parameter(input, 'cmkKeySize') ?? null),
        ...expectProp(key, 'properties.keyOps', ['wrapKey', 'unwrapKey']),
        ...expectProp(key, 'properties.attributes.exportable', false),
      ];
      const allowed = declaration(input, 'cmkKeySize')?.allowedValues;
      if (!sameText(allowed, [3072, 4096])) violations.push(`cmkKeySize allows ${show(allowed)}`);
      const size = prop(key, 'properties.keySize');
      if (typeof size !== 'number' || size < 3072) violations.push(`key size ${show(size)} is below 3072`);
      return violations;
    }),
  },
];
