import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireCaller } from '../../../src/platform/identity/authorization.js';
import { clientPrincipalHeaders } from '../../../devhost/http/clientPrincipalHeaders.js';
import { parseAppConfig } from '../../../src/platform/config/environment.js';
import { apiOperations } from '../../../src/api/apiOperations.js';
import { authLevelOf } from '../../../src/api/operationAccess.js';
import { projectRoot } from '../../support/projectPaths.js';

/**
 * Models App Service Authentication as Microsoft Learn describes it:
 * - "Work with user identities in AuthN/AuthZ" (app-service-authentication-user-identities): the
 *   platform injects `x-ms-client-principal*` and strips such headers from incoming requests;
 * - "Environment variables and app settings reference" (reference-app-settings, Authentication &
 *   authorization): WEBSITE_AUTH_ENABLED is injected (True) when the feature is on;
 * - "Azure Functions HTTP trigger" (functions-bindings-http-webhook-trigger, authLevel) with
 *   app-service-authentication-how-to: function keys are checked by the Functions host on their
 *   own, so behind Easy Auth the routes are anonymous and the app's caller check is the gate.
 */
const researcher = clientPrincipalHeaders({ id: 'oid-1', name: 'r@example.org', roles: ['Researcher'] });
const lookup =
  (headers: Record<string, string>) =>
  (name: string): string | null =>
    headers[name.toLowerCase()] ?? null;

describe('the caller check behind Easy Auth', () => {
  it('accepts the principal the platform injected when Easy Auth is on', () => {
    expect(requireCaller(lookup(researcher), ['Researcher'], true)).toEqual({
      id: 'oid-1',
      name: 'r@example.org',
      roles: ['Researcher'],
    });
  });

  it('ignores the same principal header when Easy Auth is off: anyone could have sent it (401)', () => {
    expect(() => requireCaller(lookup(researcher), ['Researcher'], false)).toThrow(
      expect.objectContaining({ kind: 'unauthorized' }),
    );
  });

  it('reads WEBSITE_AUTH_ENABLED once, in the configuration; off unless the platform says True', () => {
    const storage = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };
    expect(parseAppConfig(storage).easyAuthEnabled).toBe(false);
    expect(parseAppConfig({ ...storage, WEBSITE_AUTH_ENABLED: 'True' }).easyAuthEnabled).toBe(true);
    expect(parseAppConfig({ ...storage, WEBSITE_AUTH_ENABLED: 'true' }).easyAuthEnabled).toBe(true);
    expect(parseAppConfig({ ...storage, WEBSITE_AUTH_ENABLED: 'False' }).easyAuthEnabled).toBe(false);
  });
});

describe('Functions auth level', () => {
  it('is anonymous for every operation of the table, whatever its access', () => {
    const levels = Object.entries(apiOperations).map(([name, operation]) => [name, authLevelOf(operation)]);
    expect(levels.filter(([, level]) => level !== 'anonymous')).toEqual([]);
    expect(levels.length).toBeGreaterThan(20);
  });

  it("is never set to 'function' by hand in functions/ or src/", async () => {
    const offenders: string[] = [];
    for (const folder of ['functions', 'src']) {
      const entries = await readdir(path.join(projectRoot, folder), { recursive: true });
      for (const entry of entries.filter((name) => name.endsWith('.ts'))) {
        const text = await readFile(path.join(projectRoot, folder, entry), 'utf8');
        if (/authLevel:\s*'(function|admin)'/.test(text)) offenders.push(`${folder}/${entry}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
