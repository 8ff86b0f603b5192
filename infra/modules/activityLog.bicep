metadata description = 'Subscription Activity Log to the Log Analytics workspace (table AzureActivity): control-plane changes, role assignments, locks, policy and security events.'

targetScope = 'subscription'

@description('Name of the subscription-level diagnostic setting (unique in the subscription).')
param settingName string

@description('Resource id of the Log Analytics workspace receiving the Activity Log.')
param logAnalyticsWorkspaceId string

// Every Activity Log category; Administrative, Security and Policy are the ones compliance review reads.
var categories = [
  'Administrative'
  'Security'
  'ServiceHealth'
  'Alert'
  'Recommendation'
  'Policy'
  'Autoscale'
  'ResourceHealth'
]

resource activityLogExport 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [for category in categories: { category: category, enabled: true }]
  }
}
