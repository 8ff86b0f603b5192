/**
 * Function App rules: the App Service rows of the security baseline (design doc security-baseline.md), Flex
 * Consumption hosting (flexConsumption.ts), identity-based host storage and Entra-authenticated telemetry.
 */
import type { DeployedResource } from '../arm/deployment.js';
import { Unknown, isValueObject, property, text, type Value } from '../arm/values.js';
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
import { flexDeprecatedAppSettings, flexDeprecatedSiteProperties } from './flexConsumption.js';
import { functionsSubnetId } from './storageChecks.js';

function withSite(run: (site: DeployedResource, input: CheckInput) => string[]): Check['run'] {
  return (input) => {
    const violations: string[] = [];
    const site = exactlyOne(input.deployment, 'Microsoft.Web/sites', violations);
    return site === undefined ? violations : [...violations, ...run(site, input)];
  };
}

/** The app settings of a site as name → value (absent names are missing). */
export function appSettings(site: DeployedResource): Map<string, Value> {
  const list = prop(site, 'properties.siteConfig.appSettings');
  const settings = new Map<string, Value>();
  for (const entry of Array.isArray(list) ? list : []) {
    if (isValueObject(entry) && typeof entry.name === 'string') settings.set(entry.name, entry.value ?? null);
  }
  return settings;
}

/** The user-assigned identity the site runs as (its only one), if it has exactly one. */
export function appIdentityId(site: DeployedResource): string | undefined {
  const identities = prop(site, 'identity.userAssignedIdentities');
  const ids = isValueObject(identities) ? Object.keys(identities) : [];
  return ids.length === 1 ? ids[0] : undefined;
}

function expectSetting(site: DeployedResource, name: string, expected: Value): string[] {
  const actual = appSettings(site).get(name);
  return sameText(actual, expected) ? [] : [`app setting ${name} is ${show(actual)}, expected ${show(expected)}`];
}

function storageAccountId(input: CheckInput): string {
  const [account] = ofType(input.deployment, 'Microsoft.Storage/storageAccounts');
  return account?.id ?? 'a deployed storage account';
}

export const functionAppChecks: Check[] = [
  {
    id: 'Azure.AppService.MinTLS (AZR-000073), CKV_AZURE_145',
    title: 'the site and its SCM endpoint accept TLS 1.2 or later only',
    run: withSite((site) => [
      ...expectProp(site, 'properties.siteConfig.minTlsVersion', '1.2'),
      ...expectProp(site, 'properties.siteConfig.scmMinTlsVersion', '1.2'),
    ]),
  },
  {
    id: 'Azure.AppService.UseHTTPS (AZR-000084), CKV_AZURE_70',
    title: 'the site is HTTPS only',
    run: withSite((site) => expectProp(site, 'properties.httpsOnly', true)),
  },
  {
    id: 'CKV_AZURE_78 (basic publishing)',
    title: 'FTP and SCM basic (user name and password) publishing are off',
    run: withSite((site, input) => {
      const policies = ofType(input.deployment, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
      return ['ftp', 'scm'].flatMap((kind) => {
        const policy = policies.find((p) => p.name === `${site.name}/${kind}`);
        return policy === undefined
          ? [`no ${kind} basicPublishingCredentialsPolicies on ${site.name}`]
          : expectProp(policy, 'properties.allow', false);
      });
    }),
  },
  {
    id: 'Flex Consumption deprecations (functions-app-settings)',
    title: 'the Flex Consumption site sets none of the deprecated site properties or app settings',
    run: withSite((site) => {
      const violations: string[] = [];
      for (const path of ['properties', 'properties.siteConfig']) {
        const section = prop(site, path);
        for (const name of flexDeprecatedSiteProperties) {
          if (isValueObject(section) && property(section, name) !== undefined) {
            violations.push(`${label(site)}: ${path}.${name} is deprecated on Flex Consumption (ARM error 51021)`);
          }
        }
      }
      const settings = [...appSettings(site).keys()].map((n) => n.toUpperCase());
      for (const name of flexDeprecatedAppSettings) {
        if (settings.includes(name))
          violations.push(`${label(site)}: app setting ${name} is deprecated on Flex Consumption`);
      }
      return violations;
    }),
  },
  {
    id: 'Azure.AppService.ManagedIdentity (AZR-000082), CKV_AZURE_71',
    title: 'the app runs as exactly one user-assigned identity, which also reads Key Vault references',
    run: withSite((site) => {
      const identity = appIdentityId(site);
      return [
        ...expectProp(site, 'identity.type', 'UserAssigned'),
        ...(identity === undefined ? [`${label(site)} does not run as exactly one user-assigned identity`] : []),
        ...expectProp(site, 'properties.keyVaultReferenceIdentity', identity ?? 'its identity'),
      ];
    }),
  },
  {
    id: 'Azure.AppService.RemoteDebug (AZR-000074), Azure.AppService.HTTP2 (AZR-000078)',
    title: 'remote debugging is off and HTTP/2 is on',
    run: withSite((site) => [
      ...expectProp(site, 'properties.siteConfig.remoteDebuggingEnabled', false),
      ...expectProp(site, 'properties.siteConfig.http20Enabled', true),
    ]),
  },
  {
    id: 'Azure.AppService.NodeJsVersion (AZR-000428)',
    title: 'the runtime is Node 22, the only version nodeVersion allows (the kernels need relaxed SIMD)',
    run: withSite((site, input) => {
      const violations = expectProp(site, 'properties.functionAppConfig.runtime', { name: 'node', version: '22' });
      const allowed = declaration(input, 'nodeVersion')?.allowedValues;
      if (!sameText(allowed, ['22'])) violations.push(`nodeVersion allows ${show(allowed)}, expected ['22'] only`);
      return violations;
    }),
  },
  {
    id: 'MCSB LT-3 (app)',
    title: 'the app sends FunctionAppLogs to the workspace',
    run: withSite((site, input) => expectLogs(input.deployment, site, ['FunctionAppLogs'])),
  },
  {
    id: 'Flex Consumption hosting',
    title:
      'a Linux FC1 plan, the app on it with instanceMemoryMB, and its package read from blob storage with its identity',
    run: withSite((site, input) => {
      const violations: string[] = [];
      const plan = exactlyOne(input.deployment, 'Microsoft.Web/serverfarms', violations);
      if (plan !== undefined) {
        violations.push(
          ...expectProp(plan, 'sku', { name: 'FC1', tier: 'FlexConsumption' }),
          ...expectProp(plan, 'properties.reserved', true),
          ...expectProp(site, 'properties.serverFarmId', plan.id),
        );
      }
      const account = storageAccountId(input);
      violations.push(
        ...expectProp(site, 'kind', 'functionapp,linux'),
        ...expectProp(
          site,
          'properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB',
          parameter(input, 'instanceMemoryMB') ?? null,
        ),
        ...expectProp(site, 'properties.functionAppConfig.deployment.storage', {
          type: 'blobContainer',
          value: new Unknown(`format('{0}{1}', reference('${account}').primaryEndpoints.blob, 'app-package')`),
          authentication: {
            type: 'UserAssignedIdentity',
            userAssignedIdentityResourceId: appIdentityId(site) ?? 'its identity',
          },
        }),
      );
      return violations;
    }),
  },
  {
    id: 'identity-based host storage',
    title: 'AzureWebJobsStorage uses the app identity and the account endpoints; no connection string, key or SAS',
    run: withSite((site, input) => {
      const identity = appIdentityId(site) ?? 'its identity';
      const account = storageAccountId(input);
      const settings = appSettings(site);
      const violations = [
        ...expectSetting(site, 'AzureWebJobsStorage__credential', 'managedidentity'),
        ...expectSetting(site, 'AzureWebJobsStorage__clientId', runtimeProperty(identity, 'clientId')),
        ...['blob', 'queue', 'table'].flatMap((service) =>
          expectSetting(
            site,
            `AzureWebJobsStorage__${service}ServiceUri`,
            runtimeProperty(account, `primaryEndpoints.${service}`),
          ),
        ),
        ...expectSetting(site, 'AZURE_CLIENT_ID', runtimeProperty(identity, 'clientId')),
      ];
      if (settings.has('AzureWebJobsStorage'))
        violations.push('app setting AzureWebJobsStorage (a connection string) is set');
      const serialized = JSON.stringify([...settings]);
      if (/AccountKey|SharedAccessSignature|listKeys/i.test(serialized))
        violations.push('an app setting carries a key or SAS');
      const [vault] = ofType(input.deployment, 'Microsoft.KeyVault/vaults');
      violations.push(
        ...expectSetting(
          site,
          'KEY_VAULT_URI',
          vault === undefined ? 'a vault' : runtimeProperty(vault.id, 'vaultUri'),
        ),
      );
      return violations;
    }),
  },
  {
    id: 'Entra-authenticated telemetry (azure-monitor/app/azure-ad-authentication)',
    title:
      'App Insights refuses local auth; the app authenticates as its identity, which publishes metrics on App Insights',
    run: withSite((site, input) => {
      const violations: string[] = [];
      const insights = exactlyOne(input.deployment, 'Microsoft.Insights/components', violations);
      const identity = appIdentityId(site) ?? 'its identity';
      if (insights === undefined) return violations;
      const [workspace] = ofType(input.deployment, 'Microsoft.OperationalInsights/workspaces');
      violations.push(
        ...expectProp(insights, 'properties.DisableLocalAuth', true),
        ...expectProp(insights, 'properties.WorkspaceResourceId', workspace?.id ?? 'a workspace'),
        ...expectSetting(
          site,
          'APPLICATIONINSIGHTS_CONNECTION_STRING',
          runtimeProperty(insights.id, 'ConnectionString'),
        ),
        // Azure Monitor reads ClientId=<client id of the user-assigned identity>;Authorization=AAD.
        ...expectSetting(
          site,
          'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
          new Unknown(`format('ClientId={0};Authorization=AAD', reference('${identity}').clientId)`),
        ),
      );
      const publisher = ofType(input.deployment, 'Microsoft.Authorization/roleAssignments').find(
        (r) =>
          text(prop(r, 'properties.roleDefinitionId')).endsWith('/3913510d-42f4-4e42-8a64-420c390055eb') &&
          prop(r, 'scope') === insights.id &&
          sameText(prop(r, 'properties.principalId'), runtimeProperty(identity, 'principalId')),
      );
      if (publisher === undefined)
        violations.push(`the app identity lacks Monitoring Metrics Publisher on ${label(insights)}`);
      return violations;
    }),
  },
  {
    id: 'VNet integration',
    title:
      'with enableVnetIntegration the app joins a subnet delegated to Microsoft.App/environments with Storage and Key Vault service endpoints',
    run: withSite((site, input) => {
      const subnet = functionsSubnetId(input);
      const violations = expectProp(site, 'properties.virtualNetworkSubnetId', subnet);
      if (declaration(input, 'enableVnetIntegration')?.defaultValue !== true)
        violations.push('enableVnetIntegration is not on by default');
      if ((parameter(input, 'enableVnetIntegration') === true) !== (subnet !== null)) {
        violations.push(
          `enableVnetIntegration=${show(parameter(input, 'enableVnetIntegration'))} but subnet ${show(subnet)}`,
        );
      }
      const [vnet] = ofType(input.deployment, 'Microsoft.Network/virtualNetworks');
      if (vnet !== undefined) {
        const subnets = JSON.stringify(prop(vnet, 'properties.subnets') ?? null);
        for (const needed of [
          '"serviceName":"Microsoft.App/environments"',
          '"service":"Microsoft.Storage"',
          '"service":"Microsoft.KeyVault"',
        ]) {
          if (!subnets.includes(needed)) violations.push(`${label(vnet)}: subnet lacks ${needed}`);
        }
      }
      return violations;
    }),
  },
];
