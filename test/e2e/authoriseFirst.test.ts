import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations, type ApiOperation } from '../../src/api/apiOperations.js';
import { ModelRegistry } from '../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../src/domain/registry/registryConfig.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { testStorage, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('authfirst');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

/** Well-formed values naming nothing that exists. */
const absent: Record<string, () => string> = {
  name: () => uniqueName('absent-model-'),
  version: () => '9.9.9',
  stage: () => 'production',
  subject: () => uniqueSubjectId(),
  runId: () => 'r0000000000000deadbeef',
  experiment: () => uniqueName('absent-exp-'),
};
const datasetVersion = '0123456789abcdef';

function pathOf(template: string, values: (name: string) => string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values(name));
}

function absentPath(template: string): string {
  return pathOf(template, (name) =>
    template.startsWith('/datasets') && name === 'version' ? datasetVersion : (absent[name]?.() ?? 'x'),
  );
}

const roleTokens: Record<string, string> = {
  Researcher: devTokens.researcher,
  ModelApprover: devTokens.approver,
  ComplianceOfficer: devTokens.compliance,
  Admin: devTokens.admin,
};

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const response = await fetch(`${host.origin}/api${path}`, {
    method: method.toUpperCase(),
    headers: { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('every route authorises before it looks anything up', () => {
  const guarded = Object.entries(apiOperations)
    .map(([operationId, operation]): ApiOperation & { operationId: string } => ({ operationId, ...operation }))
    .filter((operation) => operation.access !== 'anonymous');

  it('answers 401 without a caller, for absent and for malformed resources alike', async () => {
    const outcomes: string[] = [];
    for (const operation of guarded) {
      for (const path of [absentPath(operation.path), pathOf(operation.path, () => 'NOT..valid')]) {
        const { status, type } = await call(operation.method, path);
        outcomes.push(`${operation.method} ${path}: ${status} ${type ?? ''}`);
        expect(status, `${operation.method} ${path}`).toBe(401);
        expect(type).toBe('application/problem+json');
      }
    }
    expect(outcomes.length).toBe(guarded.length * 2);
  });

  it('answers 403 before 404 to a caller without the route’s role', async () => {
    const restricted = guarded.filter((operation) => Array.isArray(operation.access));
    expect(restricted.length).toBeGreaterThan(5);
    for (const operation of restricted) {
      const allowed = operation.access as readonly string[];
      const outsider = Object.keys(roleTokens).find((role) => !allowed.includes(role));
      if (outsider === undefined) throw new Error(`${operation.operationId} is open to every role`);
      const { status } = await call(operation.method, absentPath(operation.path), bearer(roleTokens[outsider] ?? ''));
      expect(status, `${outsider} ${operation.method} ${operation.path}`).toBe(403);
    }
    // The production stage's gate names ModelApprover: a researcher is refused before the model is looked for.
    const model = uniqueName('absent-model-');
    const body = { version: '1.0.0', reason: 'r' };
    expect((await call('put', `/models/${model}/stages/production`, bearer(devTokens.researcher), body)).status).toBe(
      403,
    );
    expect((await call('delete', `/models/${model}/stages/production`, bearer(devTokens.researcher))).status).toBe(403);
  });

  it('looks up only for a caller who may ask: artifacts of absent models are 404 then', async () => {
    const model = uniqueName('absent-model-');
    for (const path of [`/models/${model}/versions/1.0.0/artifact`, `/models/${model}/stages/production/artifact`]) {
      expect((await call('get', path)).status).toBe(401);
      expect((await call('get', path, bearer(devTokens.compliance))).status).toBe(404);
    }
  });
});

describe('stage and status bodies, and the production version', () => {
  it('refuses unknown fields, and lets only approvers change the status of the version in production', async () => {
    const model = uniqueName('prod-status-');
    const registry = new ModelRegistry(testStorage(), parseRegistryConfig({}));
    const approver = { id: 'approver-1', name: 'approver@example.org', roles: ['ModelApprover'] };
    await registry.register(
      {
        model,
        runId: uniqueName('run-'),
        datasetSnapshot: 'snap',
        artifactPath: 'p',
        artifactSha256: 'e'.repeat(64),
        metrics: { test_auc: 0.95 },
        runCreatedBy: 'researcher-1',
      },
      { id: 'researcher-1', name: 'researcher@example.org', roles: ['Researcher'] },
    );

    const smuggled = await call('put', `/models/${model}/stages/production`, bearer(devTokens.approver), {
      version: '1.0.0',
      reason: 'ship it',
      approvedBy: 'someone-else',
    });
    expect(smuggled.status).toBe(422);
    expect(smuggled.text).toContain('approvedBy');
    await registry.assignStage(model, 'production', '1.0.0', approver, 'ship it');

    const status = `/models/${model}/versions/1.0.0/status`;
    expect(
      (await call('post', status, bearer(devTokens.approver), { status: 'deprecated', reason: 'r', force: true }))
        .status,
    ).toBe(422);
    const researcher = await call('post', status, bearer(devTokens.researcher), { status: 'deprecated', reason: 'r' });
    expect(researcher.status).toBe(403);
    expect(researcher.type).toBe('application/problem+json');
    expect((await registry.version(model, '1.0.0')).status).toBe('active');
    const byApprover = await call('post', status, bearer(devTokens.approver), { status: 'deprecated', reason: 'r' });
    expect(byApprover.status).toBe(200);
    expect((await registry.version(model, '1.0.0')).status).toBe('deprecated');
  });
});
