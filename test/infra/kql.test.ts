/**
 * The compliance officers' saved queries, and the examples docs/deployment.md gives them, parse and analyze
 * with Microsoft's Kusto language service against the documented schemas of the tables they read
 * (kql/logAnalyticsSchema.ts). Any error or warning fails: a misspelled column, a syntax error, a table that
 * does not exist (which a fuzzy union would otherwise skip silently).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploy } from './arm/deployment.js';
import { at, text } from './arm/values.js';
import { compileMain, repoRoot } from './compiledTemplate.js';
import { KustoDatabase, type StoredFunction } from './kql/kusto.js';
import { logAnalyticsTables } from './kql/logAnalyticsSchema.js';

const template = await compileMain();
const saved: StoredFunction[] = deploy(template, {})
  .resources.filter((r) => r.type === 'Microsoft.OperationalInsights/workspaces/savedSearches')
  .map((r) => ({
    name: text(at(r.body, 'properties.functionAlias')),
    parameters: text(at(r.body, 'properties.functionParameters')),
    body: text(at(r.body, 'properties.query')),
  }));
const workspace = new KustoDatabase(logAnalyticsTables, saved);

function savedFunction(name: string): StoredFunction {
  const found = saved.find((f) => f.name === name);
  if (found === undefined) throw new Error(`no saved function ${name}`);
  return found;
}

function changed(f: StoredFunction, from: string, to: string): StoredFunction {
  expect(f.body, `${f.name} contains ${from}`).toContain(from);
  return { ...f, body: f.body.replace(from, to) };
}

describe('KQL of the saved compliance functions (Kusto language service)', () => {
  it('there are saved functions to check', () => {
    expect(saved.map((f) => f.name)).toEqual([
      'WesadBlobAccess',
      'WesadKeyVaultKeyOperations',
      'WesadFailedAuthorizations',
      'WesadActivityLog',
    ]);
  });

  for (const f of saved) {
    it(`${f.name} analyzes without errors or warnings`, () => {
      expect(workspace.analyzeFunction(f)).toEqual([]);
    });
  }

  it('the examples in docs/deployment.md call the saved functions correctly', async () => {
    const docs = await readFile(join(repoRoot, 'docs', 'deployment.md'), 'utf8');
    const examples = [...docs.matchAll(/```kusto\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) expect(workspace.analyze(example), example).toEqual([]);
  });
});

describe('the KQL check fails on broken queries', () => {
  it('a misspelled column', () => {
    const findings = workspace.analyzeFunction(
      changed(savedFunction('WesadBlobAccess'), 'RequesterUpn', 'RequesterUpm'),
    );
    expect(findings.map((f) => `${f.severity} ${f.code}`)).toContain('Error KS142');
    expect(findings.map((f) => f.message).join('\n')).toContain("'RequesterUpm'");
  });

  it('a syntax error', () => {
    const findings = workspace.analyzeFunction(
      changed(savedFunction('WesadActivityLog'), '| where CategoryValue', '| wher CategoryValue'),
    );
    expect(findings.some((f) => f.severity === 'Error')).toBe(true);
  });

  it('a table that does not exist, even inside a fuzzy union', () => {
    const findings = workspace.analyzeFunction(
      changed(savedFunction('WesadFailedAuthorizations'), 'StorageQueueLogs,', 'StorageQueueLog,'),
    );
    expect(findings.map((f) => f.message).join('\n')).toContain("'StorageQueueLog'");
  });

  it('a column a caller of the function reads that the function does not return', () => {
    const findings = workspace.analyze('WesadBlobAccess(ago(7d), now())\n| where Containr == "wesad-raw"');
    expect(findings.map((f) => `${f.severity} ${f.code}`)).toContain('Error KS142');
  });
});
