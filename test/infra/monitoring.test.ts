import { describe, expect, it } from 'vitest';
import { deploy } from './arm/deployment.js';
import { at, text } from './arm/values.js';
import { compileMain } from './compiledTemplate.js';

const template = await compileMain();
const savedSearches = deploy(template, {}).resources.filter(
  (r) => r.type === 'Microsoft.OperationalInsights/workspaces/savedSearches',
);

interface ComplianceQuery {
  readonly functionAlias: string;
  readonly query: string;
}

const complianceQueries: ComplianceQuery[] = savedSearches.map((s) => ({
  functionAlias: text(at(s.body, 'properties.functionAlias')),
  query: text(at(s.body, 'properties.query')),
}));

function query(alias: string): string {
  const found = complianceQueries.find((q) => q.functionAlias === alias);
  expect(found, `saved function ${alias}`).toBeDefined();
  return found?.query ?? '';
}

describe('saved KQL functions for compliance officers', () => {
  it('are saved as callable functions with a time range, in one category', () => {
    for (const search of savedSearches) {
      expect(at(search.body, 'properties.category')).toBe('WESAD compliance');
      expect(at(search.body, 'properties.functionParameters')).toBe(
        'startTime:datetime = datetime(null), endTime:datetime = datetime(null)',
      );
    }
    expect(complianceQueries.map((q) => q.functionAlias)).toEqual([
      'WesadBlobAccess',
      'WesadKeyVaultKeyOperations',
      'WesadFailedAuthorizations',
      'WesadActivityLog',
    ]);
    for (const { functionAlias, query: body } of complianceQueries) {
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

  it('WesadActivityLog: who changed which resource, role assignment or lock, from the subscription Activity Log', () => {
    const text = query('WesadActivityLog');
    expect(text).toMatch(/^AzureActivity\n/);
    expect(text).toContain("CategoryValue in ('Administrative', 'Security', 'Policy')");
    for (const column of ['OperationNameValue', 'ActivityStatusValue', 'Caller', 'CallerIpAddress', '_ResourceId']) {
      expect(text, column).toContain(column);
    }
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
