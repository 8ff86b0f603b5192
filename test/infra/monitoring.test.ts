import { describe, expect, it } from 'vitest';
import { compileMain, evaluate, getPath, isObject, prop, single, text, traced } from './compiledTemplate.js';

const template = await compileMain();
const workspace = single(template, 'Microsoft.OperationalInsights/workspaces');
const appInsights = single(template, 'Microsoft.Insights/components');
const savedSearches = single(template, 'Microsoft.OperationalInsights/workspaces/savedSearches');

interface ComplianceQuery {
  readonly functionAlias: string;
  readonly query: string;
}

function complianceQueries(): ComplianceQuery[] {
  const loop = /^\[variables\('(\w+)'\)\[copyIndex\(\)\]\.query\]$/.exec(
    String(getPath(savedSearches.resource, 'properties.query')),
  );
  expect(loop, 'saved searches loop over a variable of queries').not.toBeNull();
  const list = evaluate(savedSearches.scope, `[variables('${loop?.[1] ?? ''}')]`);
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((q) => ({ functionAlias: text(q.functionAlias), query: text(q.query) }));
}

function query(alias: string): string {
  const found = complianceQueries().find((q) => q.functionAlias === alias);
  expect(found, `saved function ${alias}`).toBeDefined();
  return found?.query ?? '';
}

describe('monitoring', () => {
  it('MCSB LT-6: the Log Analytics workspace retention is a parameter (default 365 days)', () => {
    const retention = traced(workspace, 'properties.retentionInDays');
    expect(retention.rootParameter).toBe('logAnalyticsRetentionInDays');
    expect(retention.value).toBe(365);
    expect(retention.definition).toMatchObject({ minValue: 30, maxValue: 730 });
  });

  it('Application Insights is workspace-based and accepts Entra-authenticated telemetry only', () => {
    expect(prop(appInsights, 'properties.WorkspaceResourceId')).toBe(
      "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]",
    );
    expect(prop(appInsights, 'properties.DisableLocalAuth')).toBe(true);
  });
});

describe('saved KQL functions for compliance officers', () => {
  it('are saved as callable functions with a time range, in one category', () => {
    expect(prop(savedSearches, 'properties.category')).toBe('WESAD compliance');
    expect(prop(savedSearches, 'properties.functionParameters')).toBe(
      'startTime:datetime = datetime(null), endTime:datetime = datetime(null)',
    );
    expect(complianceQueries().map((q) => q.functionAlias)).toEqual([
      'WesadBlobAccess',
      'WesadKeyVaultKeyOperations',
      'WesadFailedAuthorizations',
    ]);
    for (const { functionAlias, query: body } of complianceQueries()) {
      expect(body, functionAlias).toContain(
        'where TimeGenerated between (coalesce(startTime, ago(1d)) .. coalesce(endTime, now()))',
      );
    }
  });

  it('WesadBlobAccess: who (identity, UPN, app, IP) read, wrote or deleted which blob', () => {
    const text = query('WesadBlobAccess');
    expect(text).toMatch(/^StorageBlobLogs\n/);
    expect(text).toContain("Category in ('StorageRead', 'StorageWrite', 'StorageDelete')");
    for (const column of [
      'Container',
      'Blob',
      'RequesterObjectId',
      'RequesterUpn',
      'RequesterAppId',
      'CallerIpAddress',
      'OperationName',
    ]) {
      expect(text, column).toContain(column);
    }
  });

  it('WesadKeyVaultKeyOperations: operations on vault keys from the AuditEvent log', () => {
    const text = query('WesadKeyVaultKeyOperations');
    expect(text).toContain("ResourceProvider == 'MICROSOFT.KEYVAULT' and Category == 'AuditEvent'");
    expect(text).toContain("OperationName startswith 'Key'");
    expect(text).toContain('identity_claim_oid_g');
  });

  it('WesadFailedAuthorizations: 401/403 across storage services, Key Vault and the HTTP API', () => {
    const text = query('WesadFailedAuthorizations');
    for (const table of [
      'StorageBlobLogs',
      'StorageQueueLogs',
      'StorageTableLogs',
      'AzureDiagnostics',
      'AppRequests',
    ]) {
      expect(text, table).toContain(table);
    }
    expect(text).toContain("tostring(StatusCode) in ('401', '403')");
    expect(text).toContain("ResultSignature in ('Unauthorized', 'Forbidden')");
    expect(text).toContain("ResultCode in ('401', '403')");
  });
});
