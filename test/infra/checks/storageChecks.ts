/**
 * Storage account rules of the security baseline (design doc security-baseline.md: PSRule for Azure and
 * Checkov ids, MCSB DP-3/DP-5/LT-3) and the data lifecycle.
 */
import type { DeployedResource } from '../arm/deployment.js';
import { isValueObject, text, type Value } from '../arm/values.js';
import {
  declaration,
  exactlyOne,
  expectLogs,
  expectProp,
  label,
  ofType,
  parameter,
  prop,
  runtimeProperty,
  sameText,
  show,
  type Check,
  type CheckInput,
} from './check.js';

const accountType = 'Microsoft.Storage/storageAccounts';

function withAccount(run: (account: DeployedResource, input: CheckInput) => string[]): Check['run'] {
  return (input) => {
    const violations: string[] = [];
    const account = exactlyOne(input.deployment, accountType, violations);
    return account === undefined ? violations : [...violations, ...run(account, input)];
  };
}

/** The Functions integration subnet, when the template deploys the virtual network. */
export function functionsSubnetId(input: CheckInput): string | null {
  const [vnet] = ofType(input.deployment, 'Microsoft.Network/virtualNetworks');
  const subnets = vnet === undefined ? undefined : prop(vnet, 'properties.subnets');
  const [first] = Array.isArray(subnets) ? subnets : [];
  return vnet !== undefined && isValueObject(first) ? `${vnet.id}/subnets/${text(first.name)}` : null;
}

/** A firewall default action comes from its parameter, whose default is Deny. */
export function firewallDefault(resource: DeployedResource, input: CheckInput, parameterName: string): string[] {
  const violations = expectProp(
    resource,
    'properties.networkAcls.defaultAction',
    parameter(input, parameterName) ?? 'Deny',
  );
  const declared = declaration(input, parameterName);
  if (declared?.defaultValue !== 'Deny')
    violations.push(`parameter ${parameterName} defaults to ${show(declared?.defaultValue)}, not Deny`);
  if (!sameText(declared?.allowedValues, ['Allow', 'Deny']))
    violations.push(`parameter ${parameterName} allows ${show(declared?.allowedValues)}`);
  violations.push(...expectProp(resource, 'properties.networkAcls.bypass', 'AzureServices'));
  return violations;
}

/** The container Event Grid dead-letters into. */
export const deadLetterContainer = 'eventgrid-deadletter';

/** The storage services whose access logs must reach the workspace. */
const services = ['blobServices', 'queueServices', 'tableServices'] as const;

function lifecycleRule(input: CheckInput, name: string, violations: string[]): Value | undefined {
  const policy = exactlyOne(input.deployment, 'Microsoft.Storage/storageAccounts/managementPolicies', violations);
  const rules = policy === undefined ? undefined : prop(policy, 'properties.policy.rules');
  const rule = Array.isArray(rules) ? rules.find((r) => isValueObject(r) && r.name === name) : undefined;
  if (policy !== undefined && rule === undefined) violations.push(`lifecycle rule ${name} is missing`);
  return rule;
}

function days(deleteAction: Value | undefined): Value | undefined {
  return isValueObject(deleteAction) ? deleteAction.daysAfterCreationGreaterThan : undefined;
}

/** A rule's delete actions (baseBlob, version, snapshot) and the days after creation each acts on. */
function expectDeletes(
  rule: Value | undefined,
  name: string,
  expected: Readonly<Partial<Record<'baseBlob' | 'version' | 'snapshot', Value>>>,
): string[] {
  const actions = isValueObject(rule) && isValueObject(rule.definition) ? rule.definition.actions : undefined;
  const violations: string[] = [];
  for (const target of ['baseBlob', 'version', 'snapshot'] as const) {
    const action = isValueObject(actions) ? actions[target] : undefined;
    const actual = isValueObject(action) ? days(action.delete) : undefined;
    const want = expected[target];
    if (want === undefined ? action !== undefined : !sameText(actual, want)) {
      violations.push(`lifecycle rule ${name}: ${target} delete after ${show(actual)} days, expected ${show(want)}`);
    }
  }
  return violations;
}

function expectFilter(rule: Value | undefined, name: string, prefixes: readonly string[]): string[] {
  const filters = isValueObject(rule) && isValueObject(rule.definition) ? rule.definition.filters : undefined;
  const violations: string[] = [];
  if (!sameText(isValueObject(filters) ? filters.prefixMatch : undefined, [...prefixes])) {
    violations.push(
      `lifecycle rule ${name}: prefixes ${show(isValueObject(filters) ? filters.prefixMatch : undefined)}`,
    );
  }
  if (!sameText(isValueObject(filters) ? filters.blobTypes : undefined, ['blockBlob'])) {
    violations.push(`lifecycle rule ${name}: blob types are not [blockBlob]`);
  }
  return violations;
}

export const storageChecks: Check[] = [
  {
    id: 'Azure.Storage.MinTLS (AZR-000200), CKV_AZURE_44',
    title: 'storage accepts TLS 1.2 or later only',
    run: withAccount((account) => expectProp(account, 'properties.minimumTlsVersion', 'TLS1_2')),
  },
  {
    id: 'Azure.Storage.SecureTransfer (AZR-000196), CKV_AZURE_3',
    title: 'storage accepts HTTPS only (written out)',
    run: withAccount((account) => expectProp(account, 'properties.supportsHttpsTrafficOnly', true)),
  },
  {
    id: 'Azure.Storage.BlobPublicAccess (AZR-000198)',
    title: 'anonymous blob access is off',
    run: withAccount((account) => expectProp(account, 'properties.allowBlobPublicAccess', false)),
  },
  {
    id: 'Azure.Storage.BlobAccessType (AZR-000199), CKV_AZURE_34',
    title: 'every container is private, and the containers are the expected ones',
    run: (input) => {
      const containers = ofType(input.deployment, 'Microsoft.Storage/storageAccounts/blobServices/containers');
      const violations = containers.flatMap((c) => expectProp(c, 'properties.publicAccess', 'None'));
      const names = containers.map((c) => c.name.split('/').at(-1) ?? c.name).sort();
      const expected = [
        'app-package',
        'audit-checkpoints',
        'eventgrid-deadletter',
        'models',
        'wesad-processed',
        'wesad-raw',
      ];
      if (!sameText(names, expected)) violations.push(`containers are ${show(names)}, expected ${show(expected)}`);
      return violations;
    },
  },
  {
    id: 'Azure.Storage.LocalAuth',
    title: 'no shared key, OAuth by default, no local users, no SFTP, no cross-tenant replication',
    run: withAccount((account) => [
      ...expectProp(account, 'properties.allowSharedKeyAccess', false),
      ...expectProp(account, 'properties.defaultToOAuthAuthentication', true),
      ...expectProp(account, 'properties.isLocalUserEnabled', false),
      ...expectProp(account, 'properties.isSftpEnabled', false),
      ...expectProp(account, 'properties.allowCrossTenantReplication', false),
    ]),
  },
  {
    id: 'Azure.Storage.SoftDelete (AZR-000197), Azure.Storage.ContainerSoftDelete (AZR-000289)',
    title: 'blob and container soft delete are on with the configured retention; versioning follows its parameter',
    run: (input) => {
      const violations: string[] = [];
      const service = exactlyOne(input.deployment, 'Microsoft.Storage/storageAccounts/blobServices', violations);
      if (service === undefined) return violations;
      return [
        ...violations,
        ...expectProp(service, 'properties.deleteRetentionPolicy', {
          enabled: true,
          days: parameter(input, 'blobSoftDeleteRetentionDays') ?? null,
        }),
        ...expectProp(service, 'properties.containerDeleteRetentionPolicy', {
          enabled: true,
          days: parameter(input, 'containerSoftDeleteRetentionDays') ?? null,
        }),
        ...expectProp(service, 'properties.isVersioningEnabled', parameter(input, 'blobVersioningEnabled') ?? null),
      ];
    },
  },
  {
    id: 'Azure.Storage.Firewall (AZR-000202), CKV_AZURE_35/36',
    title:
      'the storage firewall denies by default, admits the allowed IPs and, with VNet integration, the Functions subnet',
    run: withAccount((account, input) => {
      const ranges = parameter(input, 'allowedIpRanges');
      const subnet = functionsSubnetId(input);
      return [
        ...firewallDefault(account, input, 'storageNetworkDefaultAction'),
        ...expectProp(
          account,
          'properties.networkAcls.ipRules',
          (Array.isArray(ranges) ? ranges : []).map((value) => ({ value, action: 'Allow' })),
        ),
        ...expectProp(
          account,
          'properties.networkAcls.virtualNetworkRules',
          subnet === null ? [] : [{ id: subnet, action: 'Allow' }],
        ),
      ];
    }),
  },
  {
    id: 'MCSB DP-5 (storage)',
    title:
      'storage is encrypted with the Key Vault key by name (no pinned version), through a user-assigned identity, with infrastructure encryption',
    run: withAccount((account, input) => {
      const violations = [
        ...expectProp(account, 'properties.encryption.keySource', 'Microsoft.Keyvault'),
        ...expectProp(account, 'properties.encryption.requireInfrastructureEncryption', true),
        ...expectProp(account, 'identity.type', 'UserAssigned'),
      ];
      const [vault] = ofType(input.deployment, 'Microsoft.KeyVault/vaults');
      const [key] = ofType(input.deployment, 'Microsoft.KeyVault/vaults/keys');
      violations.push(
        ...expectProp(account, 'properties.encryption.keyvaultproperties', {
          keyvaulturi: vault === undefined ? 'a deployed vault' : runtimeProperty(vault.id, 'vaultUri'),
          keyname: key?.name.split('/').at(-1) ?? 'a deployed key',
        }),
      );
      const identities = prop(account, 'identity.userAssignedIdentities');
      const identityIds = isValueObject(identities) ? Object.keys(identities) : [];
      const encryptionIdentity = prop(account, 'properties.encryption.identity.userAssignedIdentity');
      if (identityIds.length !== 1 || encryptionIdentity !== identityIds[0]) {
        violations.push(
          `${label(account)}: encryption identity ${show(encryptionIdentity)} is not its only identity ${show(identityIds)}`,
        );
      }
      for (const service of ['blob', 'queue', 'table']) {
        violations.push(
          ...expectProp(account, `properties.encryption.services.${service}`, { enabled: true, keyType: 'Account' }),
        );
      }
      return violations;
    }),
  },
  {
    id: 'MCSB LT-3, CKV_AZURE_33',
    title: 'blob, queue and table services exist and send StorageRead, StorageWrite and StorageDelete to the workspace',
    run: (input) =>
      services.flatMap((service) => {
        const violations: string[] = [];
        const found = exactlyOne(input.deployment, `Microsoft.Storage/storageAccounts/${service}`, violations);
        return found === undefined
          ? violations
          : expectLogs(input.deployment, found, ['StorageRead', 'StorageWrite', 'StorageDelete']);
      }),
  },
  {
    id: 'retention: raw and processed data',
    title:
      'raw uploads and processed windows (current, versions, snapshots) are deleted dataRetentionDays after creation',
    run: (input) => {
      const violations: string[] = [];
      const rule = lifecycleRule(input, 'delete-wesad-data', violations);
      if (rule === undefined) return violations;
      const retention = parameter(input, 'dataRetentionDays') ?? null;
      if (!isValueObject(rule) || rule.enabled !== true)
        violations.push('lifecycle rule delete-wesad-data is not enabled');
      const description = declaration(input, 'dataRetentionDays')?.metadata;
      if (!JSON.stringify(description ?? null).includes('versions and snapshots')) {
        violations.push('the dataRetentionDays description does not say that versions and snapshots go too');
      }
      return [
        ...violations,
        ...expectFilter(rule, 'delete-wesad-data', ['wesad-raw/', 'wesad-processed/']),
        ...expectDeletes(rule, 'delete-wesad-data', { baseBlob: retention, version: retention, snapshot: retention }),
      ];
    },
  },
  {
    id: 'retention: model artifacts',
    title:
      'superseded model versions expire after modelVersionRetentionDays; current artifacts only when modelRetentionDays is set',
    run: (input) => {
      const violations: string[] = [];
      const versions = lifecycleRule(input, 'expire-model-versions', violations);
      const current = lifecycleRule(input, 'delete-model-artifacts', violations);
      const versionDays = parameter(input, 'modelVersionRetentionDays') ?? null;
      const currentDays = parameter(input, 'modelRetentionDays') ?? null;
      if (versions !== undefined) {
        violations.push(
          ...expectFilter(versions, 'expire-model-versions', ['models/']),
          ...expectDeletes(versions, 'expire-model-versions', { version: versionDays, snapshot: versionDays }),
        );
      }
      const declared = declaration(input, 'modelRetentionDays');
      if (declared?.nullable !== true || declared.defaultValue !== undefined) {
        violations.push(
          'modelRetentionDays must be nullable without a default (current artifacts are kept by default)',
        );
      }
      if (current !== undefined) {
        const enabled = isValueObject(current) ? current.enabled : undefined;
        if (enabled !== (currentDays !== null)) {
          violations.push(
            `lifecycle rule delete-model-artifacts enabled=${show(enabled)} with modelRetentionDays=${show(currentDays)}`,
          );
        }
        violations.push(...expectFilter(current, 'delete-model-artifacts', ['models/']));
        if (currentDays !== null) {
          violations.push(...expectDeletes(current, 'delete-model-artifacts', { baseBlob: currentDays }));
        }
      }
      return violations;
    },
  },
  {
    id: 'retention: dead letters',
    title:
      'dead-lettered events (they name raw uploads) are deleted dataRetentionDays after creation, with their versions',
    run: (input) => {
      const violations: string[] = [];
      const rule = lifecycleRule(input, 'delete-dead-letters', violations);
      if (rule === undefined) return violations;
      const retention = parameter(input, 'dataRetentionDays') ?? null;
      if (!isValueObject(rule) || rule.enabled !== true)
        violations.push('lifecycle rule delete-dead-letters is not enabled');
      return [
        ...violations,
        ...expectFilter(rule, 'delete-dead-letters', [`${deadLetterContainer}/`]),
        ...expectDeletes(rule, 'delete-dead-letters', { baseBlob: retention, version: retention }),
      ];
    },
  },
  {
    id: 'retention: deployment package',
    title: 'no lifecycle rule touches the deployment package container',
    run: (input) =>
      ofType(input.deployment, 'Microsoft.Storage/storageAccounts/managementPolicies')
        .filter((policy) => JSON.stringify(prop(policy, 'properties.policy.rules') ?? null).includes('app-package'))
        .map((policy) => `${label(policy)} has a rule on app-package`),
  },
];
