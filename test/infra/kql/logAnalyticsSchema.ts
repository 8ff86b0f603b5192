/**
 * The Log Analytics tables the saved compliance queries read, with the columns they use and their types, as
 * documented in the Azure Monitor table reference (Microsoft Learn, azure-monitor/reference/tables/<table>).
 * AzureDiagnostics gains resource-specific columns (Key Vault's id_s, httpStatusCode_d, identity_claim_*)
 * only once such a resource logs; the queries read those with column_ifexists, so they are not declared.
 */
import type { TableSchema } from './kusto.js';

/** azure-monitor/reference/tables/storagebloblogs (StorageQueueLogs and StorageTableLogs share these columns). */
const storageLogColumns = {
  TimeGenerated: 'datetime',
  AccountName: 'string',
  Category: 'string',
  OperationName: 'string',
  StatusCode: 'string',
  StatusText: 'string',
  AuthenticationType: 'string',
  ObjectKey: 'string',
  RequesterObjectId: 'string',
  RequesterUpn: 'string',
  RequesterAppId: 'string',
  RequesterTenantId: 'string',
  CallerIpAddress: 'string',
  UserAgentHeader: 'string',
  CorrelationId: 'string',
  Type: 'string',
};

export const logAnalyticsTables: readonly TableSchema[] = [
  { name: 'StorageBlobLogs', columns: storageLogColumns },
  // azure-monitor/reference/tables/storagequeuelogs
  { name: 'StorageQueueLogs', columns: storageLogColumns },
  // azure-monitor/reference/tables/storagetablelogs
  { name: 'StorageTableLogs', columns: storageLogColumns },
  {
    // azure-monitor/reference/tables/azurediagnostics
    name: 'AzureDiagnostics',
    columns: {
      TimeGenerated: 'datetime',
      ResourceProvider: 'string',
      Category: 'string',
      OperationName: 'string',
      Resource: 'string',
      ResultType: 'string',
      ResultSignature: 'string',
      ResultDescription: 'string',
      CallerIPAddress: 'string',
      CorrelationId: 'string',
      Type: 'string',
    },
  },
  {
    // azure-monitor/reference/tables/apprequests
    name: 'AppRequests',
    columns: {
      TimeGenerated: 'datetime',
      Name: 'string',
      Url: 'string',
      ResultCode: 'string',
      OperationName: 'string',
      ClientIP: 'string',
      Type: 'string',
    },
  },
  {
    // azure-monitor/reference/tables/azureactivity
    name: 'AzureActivity',
    columns: {
      TimeGenerated: 'datetime',
      CategoryValue: 'string',
      OperationNameValue: 'string',
      ActivityStatusValue: 'string',
      ActivitySubstatusValue: 'string',
      Level: 'string',
      Caller: 'string',
      CallerIpAddress: 'string',
      ResourceGroup: 'string',
      ResourceProviderValue: 'string',
      _ResourceId: 'string',
      CorrelationId: 'string',
    },
  },
];
