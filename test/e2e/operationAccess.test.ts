import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { bearer, devTokenSetting } from '../support/devTokens.js';

/**
 * The operation table drives three things: the routes the app registers, the caller check, and
 * the OpenAPI document. This test holds the last two against each other for every operation of
 * the document: whoever `x-roles` (or `x-roles-by-stage`) names gets past the check, everybody
 * else gets 403, and nobody gets in without signing in.
 */

let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('operation-access');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

interface DocumentedOperation {
  operationId: string;
  security?: unknown[];
  'x-roles'?: string[];
  'x-roles-by-stage'?: Record<string, string[]>;
  requestBody?: unknown;
}

/** One caller per role, from the development tokens the host is given. */
const callers = Object.entries(JSON.parse(devTokenSetting) as Record<string, { roles: string[] }>).map(
  ([token, identity]) => ({ token, roles: identity.roles }),
);

/** Route values that pass validation but name nothing stored, so no allowed call changes anything. */
const routeValues: Record<string, string> = {
  subject: 'S999',
  version: '0.0.1',
  name: 'absent-model',
  runId: 'r0000000000000deadbeef',
  experiment: 'absent-experiment',
};

function concretePath(path: string, stage: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'stage' ? stage : (routeValues[name] ?? name)));
}

describe('the operation table', () => {
  it('enforces exactly the roles the OpenAPI document states, for every operation', async () => {
    const document = (await (await fetch(`${host.origin}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, DocumentedOperation>>;
    };
    const mismatches: string[] = [];
    let checked = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const anonymous = operation.security?.length === 0;
        const byStage = operation['x-roles-by-stage'] ?? { any: operation['x-roles'] ?? [] };
        for (const [stage, roles] of Object.entries(byStage)) {
          const url = `${host.origin}/api${concretePath(path, stage)}`;
          // A body no schema accepts: a call that passes the caller check ends in 4xx validation, never a change.
          const send = (headers: Record<string, string>) =>
            fetch(url, {
              method: method.toUpperCase(),
              headers: { ...headers, 'content-type': 'application/json' },
              ...(method === 'get' ? {} : { body: '[]' }),
            });
          const withoutCaller = (await send({})).status;
          if (anonymous ? [401, 403].includes(withoutCaller) : withoutCaller !== 401)
            mismatches.push(`${method} ${path} without a caller: ${withoutCaller}`);
          if (anonymous) continue;
          if (roles.length === 0) mismatches.push(`${method} ${path} (${stage}) documents no roles`);
          for (const caller of callers) {
            const status = (await send(bearer(caller.token))).status;
            const allowed = caller.roles.some((role) => roles.includes(role));
            if (allowed ? [401, 403].includes(status) : status !== 403)
              mismatches.push(
                `${caller.roles.join()} ${method} ${path} (${stage}): ${status}, documented ${roles.join()}`,
              );
          }
          checked += 1;
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(25);
  });

  it('documents the production gate: only approvers may assign or unassign production', async () => {
    const document = (await (await fetch(`${host.origin}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, DocumentedOperation>>;
    };
    const stageOperations = document.paths['/models/{name}/stages/{stage}'];
    expect(stageOperations?.put?.['x-roles-by-stage']?.production).toEqual(['ModelApprover']);
    expect(stageOperations?.delete?.['x-roles-by-stage']?.production).toEqual(['ModelApprover']);
    expect(stageOperations?.put?.['x-roles-by-stage']?.staging).toEqual(['Researcher', 'ModelApprover']);
  });
});
