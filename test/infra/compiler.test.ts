import { mkdtemp, readFile, readdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileMain,
  compileParams,
  expectedBicepVersion,
  findBicep,
  infraDir,
  isObject,
  repoRoot,
  runBicep,
  scopes,
} from './compiledTemplate.js';

// Fails (never skips) when the compiler is missing, with instructions: see compiledTemplate.ts.
const template = await compileMain();

async function bicepSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.bicep(param)?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe('Bicep compiler and linter', () => {
  it('finds the pinned Bicep compiler', async () => {
    const run = await runBicep(['--version']);
    expect(run.exitCode, findBicep()).toBe(0);
    expect(run.stdout).toContain(`Bicep CLI version ${expectedBicepVersion}`);
  });

  it('bicep build compiles infra/main.bicep with no diagnostics', () => {
    // compileMain() throws on a failed build or any warning; this checks what it produced.
    expect(template.$schema).toMatch(/deploymentTemplate\.json#$/);
    expect(scopes(template).map((s) => s.path)).toEqual(
      expect.arrayContaining([
        '',
        'identities',
        'monitoring',
        'network',
        'keyVault',
        'storage',
        'functionApp',
        'eventGrid',
        'blobEventSubscription',
      ]),
    );
  });

  it('bicep lint reports zero warnings and errors for every .bicep and .bicepparam file', async () => {
    const run = await runBicep(['lint', '--pattern', 'infra/**/*.bicep*']);
    expect(run.stderr + run.stdout).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('bicepconfig.json raises the rules that matter to error', async () => {
    const config: unknown = JSON.parse(await readFile(join(infraDir, 'bicepconfig.json'), 'utf8'));
    const rules = isObject(config) ? config.analyzers : undefined;
    const core = isObject(rules) ? rules.core : undefined;
    const ruleSet = isObject(core) ? core.rules : undefined;
    expect(isObject(core) && core.enabled).toBe(true);
    const mustBeErrors = [
      'no-hardcoded-env-urls',
      'no-hardcoded-location',
      'no-unused-params',
      'no-unused-vars',
      'outputs-should-not-contain-secrets',
      'secure-parameter-default',
      'secure-secrets-in-params',
      'use-secure-value-for-secure-inputs',
      'protect-commandtoexecute-secrets',
      'use-resource-symbol-reference',
      'use-stable-resource-identifiers',
      'what-if-short-circuiting',
      'no-unnecessary-dependson',
    ];
    for (const rule of mustBeErrors) {
      const setting = isObject(ruleSet) ? ruleSet[rule] : undefined;
      expect(isObject(setting) ? setting.level : undefined, rule).toBe('error');
    }
  });

  it('the linter configuration is live: a hard-coded environment URL fails lint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wesad-bicep-lint-'));
    try {
      await copyFile(join(infraDir, 'bicepconfig.json'), join(dir, 'bicepconfig.json'));
      const probe = join(dir, 'probe.bicep');
      await writeFile(probe, "@description('probe')\noutput endpoint string = 'https://management.azure.com/'\n");
      const run = await runBicep(['lint', probe]);
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr + run.stdout).toMatch(/Error no-hardcoded-env-urls/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('every parameter and output of main.bicep and of each module has a description', () => {
    const missing: string[] = [];
    for (const scope of scopes(template)) {
      for (const section of ['parameters', 'outputs'] as const) {
        const entries = scope.template[section];
        if (!isObject(entries)) continue;
        for (const [name, definition] of Object.entries(entries)) {
          const description =
            isObject(definition) && isObject(definition.metadata) ? definition.metadata.description : undefined;
          if (typeof description !== 'string' || description.trim().length < 10) {
            missing.push(`${scope.path || 'main'}: ${section} ${name}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('docs/deployment.md has a row for every parameter of main.bicep', async () => {
    const docs = await readFile(join(repoRoot, 'docs', 'deployment.md'), 'utf8');
    const rows = new Set([...docs.matchAll(/^\| `(\w+)` +\|/gm)].map((m) => m[1]));
    const parameters = isObject(template.parameters) ? Object.keys(template.parameters) : [];
    expect(parameters.length).toBeGreaterThan(20);
    expect(parameters.filter((name) => !rows.has(name))).toEqual([]);
  });

  it('uses no registry modules (br:/ts: references need the network)', async () => {
    for (const file of await bicepSources(infraDir)) {
      const source = await readFile(file, 'utf8');
      expect(source, file).not.toMatch(/['"](br|ts)(\/[\w-]+)?:/);
    }
  });
});

describe('parameter sets', () => {
  const sets = [
    { bicepparam: 'main.bicepparam', json: 'main.parameters.json' },
    { bicepparam: 'minimal.bicepparam', json: 'minimal.parameters.json' },
  ];

  for (const { bicepparam, json } of sets) {
    it(`${bicepparam} compiles against main.bicep and ${json} is its build-params output`, async () => {
      const compiled = await compileParams(bicepparam);
      const committed: unknown = JSON.parse(await readFile(join(infraDir, json), 'utf8'));
      expect(isObject(committed) ? committed.parameters : undefined).toEqual(compiled.parameters);
    });
  }

  it('every parameter in the JSON parameter files exists in main.bicep', async () => {
    const declared = isObject(template.parameters) ? Object.keys(template.parameters) : [];
    for (const { json } of sets) {
      const file: unknown = JSON.parse(await readFile(join(infraDir, json), 'utf8'));
      const parameters = isObject(file) && isObject(file.parameters) ? Object.keys(file.parameters) : [];
      expect(parameters.length, json).toBeGreaterThan(0);
      for (const name of parameters) expect(declared, `${json}: ${name}`).toContain(name);
    }
  });

  it('the hardened set keeps the firewalls closed and the app VNet-integrated', async () => {
    const { parameters } = await compileParams('main.bicepparam');
    expect(parameters).toMatchObject({
      storageNetworkDefaultAction: { value: 'Deny' },
      keyVaultNetworkDefaultAction: { value: 'Deny' },
      enableVnetIntegration: { value: true },
      cmkKeySize: { value: 3072 },
      dataRetentionDays: { value: 21 },
      nodeVersion: { value: '22' },
    });
  });

  it('the minimal set differs from the defaults only where a first deploy needs it', async () => {
    const { parameters } = await compileParams('minimal.bicepparam');
    expect(parameters).toMatchObject({
      storageNetworkDefaultAction: { value: 'Allow' },
      keyVaultNetworkDefaultAction: { value: 'Allow' },
      enableVnetIntegration: { value: false },
    });
    // Encryption, TLS, identity and lifecycle are not parameters a minimal set can weaken.
    expect(Object.keys(isObject(parameters) ? parameters : {})).not.toContain('cmkKeySize');
  });
});
