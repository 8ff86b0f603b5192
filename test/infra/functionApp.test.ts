import { describe, expect, it } from 'vitest';
import { compileMain, isObject, prop, resourcesOfType, single, trace, traced, text } from './compiledTemplate.js';

const template = await compileMain();
const site = single(template, 'Microsoft.Web/sites');
const plan = single(template, 'Microsoft.Web/serverfarms');

function appSettings(): Map<string, unknown> {
  const settings = (site.resource.properties as Record<string, unknown> | undefined)?.siteConfig;
  const list = isObject(settings) ? settings.appSettings : undefined;
  const map = new Map<string, unknown>();
  if (!Array.isArray(list)) return map;
  for (const entry of list) {
    if (isObject(entry) && typeof entry.name === 'string') map.set(entry.name, trace(site.scope, entry.value).value);
  }
  return map;
}

describe('Function App (security baseline)', () => {
  it('Azure.AppService.MinTLS (AZR-000073), CKV_AZURE_145: siteConfig.minTlsVersion is 1.2 (SCM too)', () => {
    expect(prop(site, 'properties.siteConfig.minTlsVersion')).toBe('1.2');
    expect(prop(site, 'properties.siteConfig.scmMinTlsVersion')).toBe('1.2');
  });

  it('Azure.AppService.UseHTTPS (AZR-000084), CKV_AZURE_70: httpsOnly is true', () => {
    expect(prop(site, 'properties.httpsOnly')).toBe(true);
  });

  it('CKV_AZURE_78: FTP is disabled and basic publishing credentials are off', () => {
    expect(prop(site, 'properties.siteConfig.ftpsState')).toBe('Disabled');
    const policies = resourcesOfType(template, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    expect(policies.map((p) => p.resource.name).sort()).toEqual([
      "[format('{0}/{1}', parameters('functionAppName'), 'ftp')]",
      "[format('{0}/{1}', parameters('functionAppName'), 'scm')]",
    ]);
    for (const policy of policies) expect(prop(policy, 'properties.allow')).toBe(false);
  });

  it('Azure.AppService.ManagedIdentity (AZR-000082), CKV_AZURE_71: the app runs as a user-assigned identity', () => {
    expect(text(prop(site, 'identity.type'))).toContain('UserAssigned');
    const identities = prop(site, 'identity.userAssignedIdentities');
    expect(Object.keys(isObject(identities) ? identities : {})).toEqual([
      "[format('{0}', variables('appIdentityId'))]",
    ]);
  });

  it('Azure.AppService.RemoteDebug (AZR-000074): remote debugging is off', () => {
    expect(prop(site, 'properties.siteConfig.remoteDebuggingEnabled')).toBe(false);
  });

  it('Azure.AppService.HTTP2 (AZR-000078): HTTP/2 is enabled', () => {
    expect(prop(site, 'properties.siteConfig.http20Enabled')).toBe(true);
  });

  it('Azure.AppService.NodeJsVersion (AZR-000428): Flex Consumption runtime is node 22 (20 or later only)', () => {
    expect(prop(site, 'properties.functionAppConfig.runtime.name')).toBe('node');
    const version = traced(site, 'properties.functionAppConfig.runtime.version');
    expect(version.rootParameter).toBe('nodeVersion');
    expect(version.value).toBe('22');
    const allowed = version.definition?.allowedValues;
    expect(Array.isArray(allowed) && allowed.every((v) => Number(v) >= 20)).toBe(true);
  });

  it('MCSB LT-3: the app sends FunctionAppLogs to the workspace', () => {
    const setting = resourcesOfType(template, 'Microsoft.Insights/diagnosticSettings').find(
      (d) => d.resource.scope === "[resourceId('Microsoft.Web/sites', parameters('functionAppName'))]",
    );
    expect(setting, 'diagnostic setting scoped to the site').toBeDefined();
    if (setting === undefined) return;
    expect(prop(setting, 'properties.logs')).toContainEqual({ category: 'FunctionAppLogs', enabled: true });
    expect(traced(setting, 'properties.workspaceId').value).toBe(
      "[reference('monitoring').outputs.logAnalyticsWorkspaceId.value]",
    );
  });
});

describe('Function App hosting and settings', () => {
  it('runs on a Flex Consumption (FC1) Linux plan', () => {
    expect(prop(plan, 'sku')).toEqual({ name: 'FC1', tier: 'FlexConsumption' });
    expect(prop(plan, 'properties.reserved')).toBe(true);
    expect(prop(site, 'kind')).toBe('functionapp,linux');
  });

  it('reads its deployment package with the user-assigned identity', () => {
    expect(prop(site, 'properties.functionAppConfig.deployment.storage')).toEqual({
      type: 'blobContainer',
      value: "[reference('storage').outputs.deploymentContainerUrl.value]",
      authentication: {
        type: 'UserAssignedIdentity',
        userAssignedIdentityResourceId:
          "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('appIdentityName'))]",
      },
    });
  });

  it('uses identity-based AzureWebJobsStorage for blob, queue and table', () => {
    const settings = appSettings();
    expect(settings.get('AzureWebJobsStorage__credential')).toBe('managedidentity');
    expect(settings.get('AzureWebJobsStorage__clientId')).toBe("[reference('appIdentity').clientId]");
    expect(settings.get('AzureWebJobsStorage__blobServiceUri')).toBe(
      "[reference('storage').outputs.blobEndpoint.value]",
    );
    expect(settings.get('AzureWebJobsStorage__queueServiceUri')).toBe(
      "[reference('storage').outputs.queueEndpoint.value]",
    );
    expect(settings.get('AzureWebJobsStorage__tableServiceUri')).toBe(
      "[reference('storage').outputs.tableEndpoint.value]",
    );
    expect(settings.has('AzureWebJobsStorage')).toBe(false);
  });

  it('gives the app KEY_VAULT_URI, AZURE_CLIENT_ID and Entra-authenticated Application Insights', () => {
    const settings = appSettings();
    expect(settings.get('KEY_VAULT_URI')).toBe("[reference('keyVault').outputs.keyVaultUri.value]");
    expect(settings.get('AZURE_CLIENT_ID')).toBe("[reference('appIdentity').clientId]");
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(
      "[reference('monitoring').outputs.appInsightsConnectionString.value]",
    );
    expect(settings.get('APPLICATIONINSIGHTS_AUTHENTICATION_STRING')).toBe(
      "[format('ClientId={0};Authorization=AAD', reference('appIdentity').clientId)]",
    );
  });

  it('carries no secrets and none of the settings Flex Consumption rejects', () => {
    const settings = appSettings();
    const text = JSON.stringify([...settings]);
    expect(text).not.toMatch(/AccountKey|SharedAccessSignature|listKeys/i);
    for (const rejected of [
      'FUNCTIONS_WORKER_RUNTIME',
      'FUNCTIONS_EXTENSION_VERSION',
      'WEBSITE_RUN_FROM_PACKAGE',
      'WEBSITE_NODE_DEFAULT_VERSION',
    ]) {
      expect(settings.has(rejected), rejected).toBe(false);
    }
  });

  it('is VNet-integrated by default so it passes the storage and Key Vault firewalls', () => {
    expect(traced(site, 'properties.virtualNetworkSubnetId').value).toBe(
      "[if(parameters('enableVnetIntegration'), createObject('value', reference('network').outputs.functionsSubnetId.value), createObject('value', null()))]",
    );
    expect(trace(site.scope.parent ?? site.scope, "[parameters('enableVnetIntegration')]").value).toBe(true);
    const subnet = single(template, 'Microsoft.Network/virtualNetworks');
    const serviceEndpoints = prop(subnet, 'properties.subnets');
    expect(JSON.stringify(serviceEndpoints)).toContain('Microsoft.App/environments');
    expect(JSON.stringify(serviceEndpoints)).toContain('"service":"Microsoft.Storage"');
    expect(JSON.stringify(serviceEndpoints)).toContain('"service":"Microsoft.KeyVault"');
  });
});
