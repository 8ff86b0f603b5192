import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';
import { newRunId } from '../../src/domain/runs/runIds.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('roles');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

type Role = 'researcher' | 'approver' | 'compliance' | 'admin';

/**
 * What each role may do. A route a role may use answers anything but 401/403 (404 and 422 are
 * fine: the test is about access, and the bodies are deliberately minimal); any other route
 * answers 403 for that role.
 */
const routes: { method: string; path: () => string; body?: unknown; allowed: Role[] }[] = [
  { method: 'GET', path: () => 'datasets', allowed: ['researcher', 'approver', 'compliance', 'admin'] },
  { method: 'GET', path: () => 'runs', allowed: ['researcher', 'approver', 'compliance', 'admin'] },
  { method: 'GET', path: () => 'models', allowed: ['researcher', 'approver', 'compliance', 'admin'] },
  { method: 'POST', path: () => 'runs', body: { params: { epochs: 0 } }, allowed: ['researcher'] },
  { method: 'POST', path: () => `runs/${newRunId(new Date())}/cancel`, allowed: ['researcher', 'approver'] },
  { method: 'PUT', path: () => 'models/absent-model/stages/staging', body: {}, allowed: ['researcher', 'approver'] },
  { method: 'PUT', path: () => 'models/absent-model/stages/production', body: {}, allowed: ['approver'] },
  { method: 'GET', path: () => 'audit', allowed: ['compliance'] },
  { method: 'GET', path: () => 'audit/verify', allowed: ['compliance'] },
  { method: 'DELETE', path: () => `subjects/${uniqueSubjectId()}`, allowed: ['admin'] },
  {
    method: 'GET',
    path: () => `subjects/${uniqueSubjectId()}`,
    allowed: ['researcher', 'approver', 'compliance', 'admin'],
  },
  {
    method: 'PUT',
    path: () => `subjects/${uniqueSubjectId()}/e4-offset`,
    body: { offsetSeconds: 1, reason: 'r' },
    allowed: ['researcher'],
  },
];

describe('roles and routes', () => {
  it('lets each role reach exactly its routes and answers 403 elsewhere, 401 without a caller', async () => {
    const tokens: Record<Role, string> = {
      researcher: devTokens.researcher,
      approver: devTokens.approver,
      compliance: devTokens.compliance,
      admin: devTokens.admin,
    };
    const outcomes: string[] = [];
    for (const route of routes) {
      const request = (headers: Record<string, string>) =>
        fetch(`${host.origin}/api/${route.path()}`, {
          method: route.method,
          headers: { ...headers, 'content-type': 'application/json' },
          ...(route.body === undefined ? {} : { body: JSON.stringify(route.body) }),
        });
      expect((await request({})).status, `${route.method} ${route.path()} without a caller`).toBe(401);
      for (const [role, token] of Object.entries(tokens) as [Role, string][]) {
        const status = (await request(bearer(token))).status;
        const allowed = route.allowed.includes(role);
        outcomes.push(
          `${role} ${route.method} ${route.path().split('/')[0] ?? ''}: ${allowed ? (status === 403 || status === 401 ? 'DENIED' : 'ok') : status === 403 ? 'ok' : `got ${status}`}`,
        );
      }
    }
    expect(outcomes.filter((outcome) => !outcome.endsWith(': ok'))).toEqual([]);
  });

  it('refuses names that try to leave their place', async () => {
    const headers = bearer(devTokens.researcher);
    for (const path of [
      `models/${encodeURIComponent('../runs')}`,
      `runs/${encodeURIComponent('../../audit')}`,
      `datasets/${encodeURIComponent('..')}/x`,
    ]) {
      const status = (await fetch(`${host.origin}/api/${path}`, { headers })).status;
      expect([404, 422], path).toContain(status);
    }
  });
});
