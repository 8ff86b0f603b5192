metadata description = 'Function App on Flex Consumption (Node 22): user-assigned identity, identity-based host storage, hardened site configuration, FunctionAppLogs and the Application Insights publisher role.'

@description('Azure region for the plan and the app.')
param location string

@description('Flex Consumption plan name.')
param planName string

@description('Function App name (also the host name <name>.azurewebsites.net).')
param functionAppName string

@description('Node.js major version of the Flex Consumption runtime: 22 only (the training kernels use relaxed SIMD, which Node 22 has).')
@allowed([
  '22'
])
param nodeVersion string

@description('Memory per instance in MB: 2048 or 4096 (a training epoch activity holds up to about 1 GB; host.json runs one activity at a time per instance).')
@allowed([
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound of instances the plan scales out to (40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Name of the user-assigned identity the app runs as.')
param appIdentityName string

@description('Blob service endpoint of the host storage account.')
param blobEndpoint string

@description('Queue service endpoint of the host storage account.')
param queueEndpoint string

@description('Table service endpoint of the host storage account.')
param tableEndpoint string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('URI of the Key Vault the app reads secrets from.')
param keyVaultUri string

@description('Application Insights component name (the app gets Monitoring Metrics Publisher on it).')
param appInsightsName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Subnet resource id for VNet integration, or null to run without VNet integration.')
param functionsSubnetId string?

@description('Resource id of the Log Analytics workspace receiving FunctionAppLogs.')
param logAnalyticsWorkspaceId string

@description('Tags applied to every resource.')
param tags object

@description('App Service Authentication (Entra ID): the app registration, or null to leave authentication off.')
param entraAuthentication entraAuthenticationConfig?

var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

import { entraAuthenticationConfig } from '../types.bicep'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

var appIdentityId = appIdentity.id
var appIdentityClientId = appIdentity.properties.clientId

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${appIdentityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: appIdentityId
    virtualNetworkSubnetId: functionsSubnetId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: appIdentityId
          }
        }
      }
      runtime: {
        name: 'node'
        version: nodeVersion
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      // No ftpsState: Flex Consumption refuses it (and the other deprecated site properties) with error 51021;
      // FTP is off through the basicPublishingCredentialsPolicies below.
      remoteDebuggingEnabled: false
      http20Enabled: true
      appSettings: [
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: appIdentityClientId
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: blobEndpoint
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: queueEndpoint
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: tableEndpoint
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsightsConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${appIdentityClientId};Authorization=AAD'
        }
        {
          name: 'KEY_VAULT_URI'
          value: keyVaultUri
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: appIdentityClientId
        }
      ]
    }
  }
}

// Basic (user name and password) publishing is off: deployments authenticate with Microsoft Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appIdentity.id, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      monitoringMetricsPublisherRoleId
    )
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Function App sends telemetry with Entra ID authentication (local auth is disabled).'
  }
}

// The platform validates Entra ID tokens and passes the caller to the app in x-ms-client-principal;
// handlers enforce the app roles. Event Grid deliveries, the health probe and the API description carry no user token.
resource authentication 'Microsoft.Web/sites/config@2025-03-01' = if (entraAuthentication != null) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      // Shared with the local host, which refuses the same unauthenticated requests.
      excludedPaths: loadJsonContent('../authentication.json').excludedPaths
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraAuthentication.?clientId ?? ''
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraAuthentication.?tenantId ?? tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: concat(['api://${entraAuthentication.?clientId ?? ''}'], entraAuthentication.?allowedAudiences ?? [])
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

@description('Function App resource id.')
output functionAppId string = site.id

@description('Function App name.')
output functionAppName string = site.name

@description('Default host name of the Function App.')
output defaultHostName string = site.properties.defaultHostName
