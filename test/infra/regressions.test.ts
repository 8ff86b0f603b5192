/**
 * The checks are not vacuous: each single-property regression injected into the compiled template (or into
 * host.json) makes at least one check report a violation under some parameter combination, and in particular
 * the check named for it. The test prints which checks caught each injection.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './arm/deployment.js';
import { clone, declared, moduleTemplate, remove, set, templates, unset, variablesOfModuleWith } from './arm/mutate.js';
import { combinations, type Combination } from './arm/parameterSpace.js';
import { at, isValueObject, text } from './arm/values.js';
import { parameterSamples } from './checks/parameterSamples.js';
import { violations } from './checks/run.js';
import { compileMain, repoRoot } from './compiledTemplate.js';
import { parameterFileCombination } from './parameterFiles.js';

const template = await compileMain();
const hostJsonText = await readFile(join(repoRoot, 'host.json'), 'utf8');
const mainFile = await parameterFileCombination('main.parameters.json');
const minimalFile = await parameterFileCombination('minimal.parameters.json');

interface Injection {
  readonly name: string;
  /** The check that must catch it (others may too). */
  readonly caughtBy: string;
  readonly inject: (template: JsonObject, hostJson: JsonObject) => void;
}

function only<T>(list: readonly T[], what: string): T {
  const [first] = list;
  if (list.length !== 1 || first === undefined) throw new Error(`expected one ${what}, found ${String(list.length)}`);
  return first;
}

function resource(root: JsonObject, type: string, symbol?: string): JsonObject {
  return only(declared(root, type, symbol), `${type}${symbol === undefined ? '' : ` ${symbol}`}`);
}

function rootParameter(root: JsonObject, name: string): JsonObject {
  const definition = isValueObject(root.parameters) ? root.parameters[name] : undefined;
  if (!isValueObject(definition)) throw new Error(`no parameter ${name}`);
  return definition;
}

function moduleParameter(root: JsonObject, module: string, name: string): JsonObject {
  const parameters = moduleTemplate(root, module).parameters;
  const definition = isValueObject(parameters) ? parameters[name] : undefined;
  if (!isValueObject(definition)) throw new Error(`no parameter ${name} in module ${module}`);
  return definition;
}

const account = 'Microsoft.Storage/storageAccounts';
const site = 'Microsoft.Web/sites';
const authSettings = 'Microsoft.Web/sites/config';
const checkpointPolicy = 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies';

const injections: Injection[] = [
  {
    name: 'storage accepts TLS 1.0',
    caughtBy: 'Azure.Storage.MinTLS (AZR-000200), CKV_AZURE_44',
    inject: (t) => {
      set(resource(t, account), 'properties.minimumTlsVersion', 'TLS1_0');
    },
  },
  {
    name: 'public blob access on',
    caughtBy: 'Azure.Storage.BlobPublicAccess (AZR-000198)',
    inject: (t) => {
      set(resource(t, account), 'properties.allowBlobPublicAccess', true);
    },
  },
  {
    name: 'shared key access on',
    caughtBy: 'Azure.Storage.LocalAuth',
    inject: (t) => {
      set(resource(t, account), 'properties.allowSharedKeyAccess', true);
    },
  },
  {
    name: 'Key Vault purge protection off',
    caughtBy: 'Azure.KeyVault.PurgeProtect (AZR-000125), CKV_AZURE_110',
    inject: (t) => {
      set(resource(t, 'Microsoft.KeyVault/vaults'), 'properties.enablePurgeProtection', false);
    },
  },
  {
    name: 'raw data lifecycle 60 days instead of dataRetentionDays',
    caughtBy: 'retention: raw and processed data',
    inject: (t) => {
      set(variablesOfModuleWith(t, 'Microsoft.Storage/storageAccounts/managementPolicies'), 'dataLifetime', {
        daysAfterCreationGreaterThan: 60,
      });
    },
  },
  {
    name: 'StorageDelete category removed from the storage access logs',
    caughtBy: 'MCSB LT-3, CKV_AZURE_33',
    inject: (t) => {
      const variables = variablesOfModuleWith(t, account);
      const logs = variables.accessLogs;
      set(
        variables,
        'accessLogs',
        Array.isArray(logs) ? logs.filter((l) => !(isValueObject(l) && l.category === 'StorageDelete')) : [],
      );
    },
  },
  {
    name: 'Easy Auth issuer /common (any tenant)',
    caughtBy: 'Easy Auth (Entra ID)',
    inject: (t) => {
      set(
        resource(t, authSettings),
        'properties.identityProviders.azureActiveDirectory.registration.openIdIssuer',
        "[format('{0}common/v2.0', environment().authentication.loginEndpoint)]",
      );
    },
  },
  {
    name: 'Easy Auth allowed audiences empty',
    caughtBy: 'Easy Auth (Entra ID)',
    inject: (t) => {
      set(
        resource(t, authSettings),
        'properties.identityProviders.azureActiveDirectory.validation.allowedAudiences',
        [],
      );
    },
  },
  {
    name: 'CMK key name removed from storage encryption',
    caughtBy: 'MCSB DP-5 (storage)',
    inject: (t) => {
      unset(resource(t, account), 'properties.encryption.keyvaultproperties.keyname');
    },
  },
  {
    name: 'FTP basic auth publishing allowed',
    caughtBy: 'CKV_AZURE_78 (basic publishing)',
    inject: (t) => {
      set(
        resource(t, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies', 'ftpPublishing'),
        'properties.allow',
        true,
      );
    },
  },
  {
    name: 'ftpsState re-added on the Flex Consumption site',
    caughtBy: 'Flex Consumption deprecations (functions-app-settings)',
    inject: (t) => {
      set(resource(t, site), 'properties.siteConfig.ftpsState', 'Disabled');
    },
  },
  {
    name: 'FUNCTIONS_WORKER_RUNTIME app setting added',
    caughtBy: 'Flex Consumption deprecations (functions-app-settings)',
    inject: (t) => {
      const settings = resource(t, site).properties;
      const siteConfig = isValueObject(settings) ? settings.siteConfig : undefined;
      const list = isValueObject(siteConfig) ? siteConfig.appSettings : undefined;
      if (!Array.isArray(list)) throw new Error('no appSettings');
      list.push({ name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' });
    },
  },
  {
    name: 'nodeVersion allows 20 again',
    caughtBy: 'Azure.AppService.NodeJsVersion (AZR-000428)',
    inject: (t) => {
      set(rootParameter(t, 'nodeVersion'), 'allowedValues', ['20', '22']);
    },
  },
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING removed',
    caughtBy: 'Entra-authenticated telemetry (azure-monitor/app/azure-ad-authentication)',
    inject: (t) => {
      const properties = resource(t, site).properties;
      const siteConfig = isValueObject(properties) ? properties.siteConfig : undefined;
      const list = isValueObject(siteConfig) ? siteConfig.appSettings : undefined;
      if (!isValueObject(siteConfig) || !Array.isArray(list)) throw new Error('no appSettings');
      siteConfig.appSettings = list.filter(
        (s) => !(isValueObject(s) && s.name === 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'),
      );
    },
  },
  {
    name: 'Monitoring Metrics Publisher assignment removed',
    caughtBy: 'Entra-authenticated telemetry (azure-monitor/app/azure-ad-authentication)',
    inject: (t) => {
      if (remove(t, 'Microsoft.Authorization/roleAssignments', 'metricsPublisher') !== 1)
        throw new Error('no metricsPublisher');
    },
  },
  {
    name: 'storage firewall open by default',
    caughtBy: 'Azure.Storage.Firewall (AZR-000202), CKV_AZURE_35/36',
    inject: (t) => {
      set(rootParameter(t, 'storageNetworkDefaultAction'), 'defaultValue', 'Allow');
    },
  },
  {
    name: 'app identity gets Owner instead of Storage Blob Data Owner',
    caughtBy: 'least privilege (role assignments)',
    inject: (t) => {
      set(
        resource(t, 'Microsoft.Authorization/roleAssignments', 'appBlobDataOwner'),
        'properties.roleDefinitionId',
        "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]",
      );
    },
  },
  {
    name: 'Event Grid dead-letter destination removed',
    caughtBy: 'Event Grid dead-lettering',
    inject: (t) => {
      unset(
        resource(t, 'Microsoft.EventGrid/systemTopics/eventSubscriptions'),
        'properties.deadLetterWithResourceIdentity',
      );
    },
  },
  {
    name: 'Event Grid topic identity removed (dead letters could not be written)',
    caughtBy: 'Event Grid dead-lettering',
    inject: (t) => {
      unset(resource(t, 'Microsoft.EventGrid/systemTopics'), 'identity');
    },
  },
  {
    name: 'dead letters kept 60 days instead of dataRetentionDays',
    caughtBy: 'retention: dead letters',
    inject: (t) => {
      const rules = resource(t, 'Microsoft.Storage/storageAccounts/managementPolicies').properties;
      const list = isValueObject(rules) && isValueObject(rules.policy) ? rules.policy.rules : undefined;
      const rule = Array.isArray(list)
        ? list.find((r) => isValueObject(r) && r.name === 'delete-dead-letters')
        : undefined;
      if (!isValueObject(rule)) throw new Error('no delete-dead-letters rule');
      set(rule, 'definition.actions.baseBlob.delete', { daysAfterCreationGreaterThan: 60 });
    },
  },
  {
    name: 'delete lock on the storage account removed',
    caughtBy: 'delete locks on audit evidence',
    inject: (t) => {
      const locks = templates(t).find(
        (m) =>
          Array.isArray(m.resources) &&
          m.resources.some((r) => isValueObject(r) && r.type === 'Microsoft.Authorization/locks'),
      );
      if (locks === undefined || !Array.isArray(locks.resources)) throw new Error('no locks module');
      locks.resources = locks.resources.filter(
        (r) => !(isValueObject(r) && text(r.scope).includes('Microsoft.Storage/storageAccounts')),
      );
    },
  },
  {
    name: 'delete locks off by default',
    caughtBy: 'delete locks on audit evidence',
    inject: (t) => {
      set(rootParameter(t, 'enableDeleteLocks'), 'defaultValue', false);
    },
  },
  {
    name: 'Administrative category dropped from the Activity Log export',
    caughtBy: 'Activity Log export (MCSB LT-3)',
    inject: (t) => {
      const variables = moduleTemplate(t, 'activityLog').variables;
      if (!isValueObject(variables)) throw new Error('no variables in the activityLog module');
      const names = variables.categories;
      set(variables, 'categories', Array.isArray(names) ? names.filter((c) => c !== 'Administrative') : []);
    },
  },
  {
    name: 'Activity Log export module removed',
    caughtBy: 'Activity Log export (MCSB LT-3)',
    inject: (t) => {
      if (remove(t, 'Microsoft.Resources/deployments', 'activityLog') !== 1) throw new Error('no activityLog module');
    },
  },
  {
    name: 'host.json maxConcurrentActivityFunctions 10 (training epochs would need 10 GB)',
    caughtBy: 'Durable activity concurrency fits instance memory',
    inject: (_t, host) => {
      const durable = at(host, 'extensions.durableTask');
      if (!isValueObject(durable)) throw new Error('no durableTask in host.json');
      durable.maxConcurrentActivityFunctions = 10;
    },
  },
  {
    name: 'host.json maxConcurrentActivityFunctions removed (default 10 per core)',
    caughtBy: 'Durable activity concurrency fits instance memory',
    inject: (_t, host) => {
      unset(host, 'extensions.durableTask.maxConcurrentActivityFunctions');
    },
  },
  {
    name: 'instanceMemoryMB allows 512 again',
    caughtBy: 'Durable activity concurrency fits instance memory',
    inject: (t) => {
      set(rootParameter(t, 'instanceMemoryMB'), 'allowedValues', [512, 2048, 4096]);
      set(moduleParameter(t, 'functionApp', 'instanceMemoryMB'), 'allowedValues', [512, 2048, 4096]);
    },
  },
  {
    name: 'audit checkpoint immutability policy removed',
    caughtBy: 'audit checkpoints: time-based retention',
    inject: (t) => {
      if (remove(t, checkpointPolicy, 'auditCheckpointRetention') !== 1) throw new Error('no auditCheckpointRetention');
    },
  },
  {
    name: 'audit checkpoint retention hard-coded to 30 days',
    caughtBy: 'audit checkpoints: time-based retention',
    inject: (t) => {
      set(resource(t, checkpointPolicy), 'properties.immutabilityPeriodSinceCreationInDays', 30);
    },
  },
  {
    name: 'auditCheckpointRetentionDays allows 30 days',
    caughtBy: 'audit checkpoints: time-based retention',
    inject: (t) => {
      set(rootParameter(t, 'auditCheckpointRetentionDays'), 'minValue', 30);
      set(moduleParameter(t, 'storage', 'auditCheckpointRetentionDays'), 'minValue', 30);
    },
  },
  {
    name: 'audit checkpoint protected append writes allowed',
    caughtBy: 'audit checkpoints: time-based retention',
    inject: (t) => {
      set(resource(t, checkpointPolicy), 'properties.allowProtectedAppendWrites', true);
    },
  },
  {
    name: 'version-level immutability off on the audit checkpoint container',
    caughtBy: 'audit checkpoints: WORM container',
    inject: (t) => {
      set(
        resource(t, 'Microsoft.Storage/storageAccounts/blobServices/containers', 'auditCheckpoints'),
        'properties.immutableStorageWithVersioning.enabled',
        false,
      );
    },
  },
  {
    name: 'raw data lifecycle rule widened to every container (prefix filter removed)',
    caughtBy: 'audit checkpoints: outside lifecycle rules',
    inject: (t) => {
      const properties = resource(t, 'Microsoft.Storage/storageAccounts/managementPolicies').properties;
      const list = isValueObject(properties) && isValueObject(properties.policy) ? properties.policy.rules : undefined;
      const rule = Array.isArray(list)
        ? list.find((r) => isValueObject(r) && r.name === 'delete-wesad-data')
        : undefined;
      if (!isValueObject(rule)) throw new Error('no delete-wesad-data rule');
      unset(rule, 'definition.filters.prefixMatch');
    },
  },
  {
    name: 'Event Grid retry policy removed',
    caughtBy: 'Event Grid retry policy',
    inject: (t) => {
      unset(resource(t, 'Microsoft.EventGrid/systemTopics/eventSubscriptions'), 'properties.retryPolicy');
    },
  },
];

/** The combination with every optional part on: each bool true, each nullable or array parameter set. */
function richest(enumerated: readonly Combination[]): Combination {
  const score = (c: Combination): number =>
    Object.values(c.values).filter((v) => v === true || (Array.isArray(v) && v.length > 0) || isValueObject(v)).length;
  return enumerated.reduce((best, c) => (score(c) > score(best) ? c : best));
}

interface Caught {
  readonly combination: string;
  readonly checks: string[];
}

/** The first combination under which the injected template or host.json shows violations, and by which checks. */
function firstCatch(injection: Injection): Caught | undefined {
  const broken = clone(template);
  const hostJson: unknown = JSON.parse(hostJsonText);
  if (!isValueObject(hostJson)) throw new Error('host.json is not an object');
  injection.inject(broken, hostJson);
  // The combinations of the broken template (an injected allowed value is tried too), the ones that deploy
  // the most first so that most injections are found after one or two deployments.
  const enumerated = combinations(broken, parameterSamples);
  for (const combination of [mainFile, richest(enumerated), ...enumerated, minimalFile]) {
    const found = violations(broken, hostJson, combination);
    if (found.length > 0) return { combination: combination.label, checks: [...new Set(found.map((v) => v.check))] };
  }
  return undefined;
}

describe(`injected regressions (${String(injections.length)})`, () => {
  it('the real template and host.json pass every check under the main parameter file', () => {
    const hostJson: unknown = JSON.parse(hostJsonText);
    if (!isValueObject(hostJson)) throw new Error('host.json is not an object');
    expect(violations(template, hostJson, mainFile)).toEqual([]);
  });

  it('each one is reported by at least one check, including the check named for it', () => {
    const report = injections.map((injection) => ({ injection, caught: firstCatch(injection) }));
    console.log(
      ['Injected regressions and the checks that caught them:']
        .concat(
          report.map(({ injection, caught }) =>
            caught === undefined
              ? `  ✗ ${injection.name}: NOT CAUGHT`
              : `  ✓ ${injection.name}\n      caught by: ${caught.checks.join('; ')}\n      under: ${caught.combination.slice(0, 160)}`,
          ),
        )
        .join('\n'),
    );
    for (const { injection, caught } of report) {
      expect(caught?.checks ?? [], injection.name).toContain(injection.caughtBy);
    }
  });
});
