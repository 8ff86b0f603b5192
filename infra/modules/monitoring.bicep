metadata description = 'Log Analytics workspace (retention), workspace-based Application Insights without local auth, and the saved KQL functions compliance officers use.'

@description('Azure region for the workspace and Application Insights.')
param location string

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param appInsightsName string

@description('Days the workspace keeps logs interactively (30-730).')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Tags applied to every resource.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

// Each function takes an optional time range and defaults to the last 24 hours: WesadBlobAccess(ago(7d), now()).
var timeRangeParameters = 'startTime:datetime = datetime(null), endTime:datetime = datetime(null)'

var complianceQueries = [
  {
    name: 'wesad-blob-access'
    displayName: 'WESAD: who read, wrote or deleted which blobs'
    functionAlias: 'WesadBlobAccess'
    query: '''
StorageBlobLogs
| where TimeGenerated between (coalesce(startTime, ago(1d)) .. coalesce(endTime, now()))
| where Category in ('StorageRead', 'StorageWrite', 'StorageDelete')
| extend PathParts = split(ObjectKey, '/')
| extend Container = tostring(PathParts[2]), Blob = strcat_array(array_slice(PathParts, 3, -1), '/')
| project TimeGenerated, Category, OperationName, Container, Blob, StatusCode, StatusText,
    AuthenticationType, RequesterObjectId, RequesterUpn, RequesterAppId, RequesterTenantId,
    CallerIpAddress, UserAgentHeader, CorrelationId, AccountName
| order by TimeGenerated desc
'''
  }
  {
    name: 'wesad-key-vault-key-operations'
    displayName: 'WESAD: Key Vault key operations (customer-managed key)'
    functionAlias: 'WesadKeyVaultKeyOperations'
    query: '''
AzureDiagnostics
| where TimeGenerated between (coalesce(startTime, ago(1d)) .. coalesce(endTime, now()))
| where ResourceProvider == 'MICROSOFT.KEYVAULT' and Category == 'AuditEvent'
| where OperationName startswith 'Key'
| project TimeGenerated, Resource, OperationName, ResultType, ResultSignature,
    HttpStatusCode = column_ifexists('httpStatusCode_d', real(null)), KeyId = column_ifexists('id_s', ''),
    CallerObjectId = column_ifexists('identity_claim_oid_g', ''), CallerUpn = column_ifexists('identity_claim_upn_s', ''),
    CallerAppId = column_ifexists('identity_claim_appid_g', ''), CallerIPAddress, CorrelationId
| order by TimeGenerated desc
'''
  }
  {
    name: 'wesad-failed-authorizations'
    displayName: 'WESAD: failed authorisations (storage, Key Vault, HTTP API)'
    functionAlias: 'WesadFailedAuthorizations'
    query: '''
union isfuzzy=true
  (union isfuzzy=true StorageBlobLogs, StorageQueueLogs, StorageTableLogs
   | where tostring(StatusCode) in ('401', '403')
   | project TimeGenerated, Source = strcat('Storage ', Type), OperationName, Target = ObjectKey,
       Status = tostring(StatusCode), Reason = StatusText, CallerObjectId = RequesterObjectId,
       CallerUpn = RequesterUpn, CallerAppId = RequesterAppId, CallerIp = CallerIpAddress),
  (AzureDiagnostics
   | where ResourceProvider == 'MICROSOFT.KEYVAULT' and Category == 'AuditEvent'
   | where ResultSignature in ('Unauthorized', 'Forbidden') or column_ifexists('httpStatusCode_d', real(null)) in (401, 403)
   | project TimeGenerated, Source = 'Key Vault', OperationName, Target = column_ifexists('id_s', ''),
       Status = ResultSignature, Reason = column_ifexists('ResultDescription', ''),
       CallerObjectId = column_ifexists('identity_claim_oid_g', ''), CallerUpn = column_ifexists('identity_claim_upn_s', ''),
       CallerAppId = column_ifexists('identity_claim_appid_g', ''), CallerIp = CallerIPAddress),
  (AppRequests
   | where ResultCode in ('401', '403')
   | project TimeGenerated, Source = 'HTTP API', OperationName, Target = Url, Status = ResultCode, Reason = Name,
       CallerObjectId = '', CallerUpn = '', CallerAppId = '', CallerIp = ClientIP)
| where TimeGenerated between (coalesce(startTime, ago(1d)) .. coalesce(endTime, now()))
| order by TimeGenerated desc
'''
  }
  {
    // Needs the subscription Activity Log export (main.bicep exportActivityLog).
    name: 'wesad-activity-log'
    displayName: 'WESAD: who changed which resource, role assignment or lock (Activity Log)'
    functionAlias: 'WesadActivityLog'
    query: '''
AzureActivity
| where TimeGenerated between (coalesce(startTime, ago(1d)) .. coalesce(endTime, now()))
| where CategoryValue in ('Administrative', 'Security', 'Policy')
| project TimeGenerated, CategoryValue, OperationNameValue, ActivityStatusValue, ActivitySubstatusValue, Level,
    Caller, CallerIpAddress, ResourceGroup, ResourceProviderValue, ResourceId = _ResourceId, CorrelationId
| order by TimeGenerated desc
'''
  }
]

resource savedSearches 'Microsoft.OperationalInsights/workspaces/savedSearches@2025-07-01' = [
  for q in complianceQueries: {
    parent: workspace
    name: q.name
    properties: {
      category: 'WESAD compliance'
      displayName: q.displayName
      functionAlias: q.functionAlias
      functionParameters: timeRangeParameters
      query: q.query
      version: 2
    }
  }
]

@description('Workspace resource id (diagnostic settings destination).')
output logAnalyticsWorkspaceId string = workspace.id

@description('Workspace name.')
output logAnalyticsWorkspaceName string = workspace.name

@description('Application Insights resource id.')
output appInsightsId string = appInsights.id

@description('Application Insights name.')
output appInsightsName string = appInsights.name

@description('Application Insights connection string (an ingestion endpoint and instrumentation key, not a credential once local auth is disabled).')
output appInsightsConnectionString string = appInsights.properties.ConnectionString

@description('Names of the saved compliance functions in the workspace.')
output complianceFunctions string[] = [for q in complianceQueries: q.functionAlias]
