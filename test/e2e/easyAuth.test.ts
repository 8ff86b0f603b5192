import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { clientPrincipalHeaders } from '../../devhost/http/clientPrincipalHeaders.js';

/**
 * What reaches the app behind App Service Authentication (app-service-authentication-how-to,
 * app-service-authentication-user-identities): the caller's bearer token, the principal headers
 * the platform injected, and no function key. The local host plays the platform: it turns a
 * development token into those headers, strips any a client sent, and sets WEBSITE_AUTH_ENABLED
 * as the platform does (reference-app-settings).
 */
let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('easy-auth');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

describe('Easy Auth in front of the API', () => {
  it('serves a signed-in caller who sends a bearer token and no function key', async () => {
    for (const path of ['runs', 'models', 'datasets']) {
      const response = await fetch(`${host.origin}/api/${path}`, { headers: bearer(devTokens.researcher) });
      expect(response.status, path).toBe(200);
    }
    const audit = await fetch(`${host.origin}/api/audit/verify`, { headers: bearer(devTokens.compliance) });
    expect(audit.status).toBe(200);
  });

  it('does not take a principal header a client forged for a caller', async () => {
    const forged = clientPrincipalHeaders({ id: 'mallory', name: 'mallory', roles: ['Admin', 'Researcher'] });
    const response = await fetch(`${host.origin}/api/runs`, { headers: forged });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
