import { describe, expect, it } from 'vitest';
import { localRedirect, sessionToken } from '../../../devhost/http/developmentSignIn.js';
import { authenticateRequestHeaders } from '../../../devhost/http/platformAuthentication.js';

const tokens = new Map([
  ['dev-token-of-researcher-1', { id: 'researcher-1', name: 'r@example.org', roles: ['Researcher'] }],
]);

describe('the local sign-in picker', () => {
  it('sends the browser back to a path of this origin only', () => {
    expect(localRedirect('/api/studio/#/runs', '/x')).toBe('/api/studio/#/runs');
    for (const elsewhere of [
      'https://evil.example',
      '//evil.example/',
      '/\\evil.example',
      'api/studio',
      null,
      '/a\r\nb',
    ]) {
      expect(localRedirect(elsewhere, '/fallback'), String(elsewhere)).toBe('/fallback');
    }
  });

  it('reads the session cookie among others', () => {
    expect(sessionToken('a=1; AppServiceAuthSession=dev-token-of-researcher-1; b=2')).toBe('dev-token-of-researcher-1');
    expect(sessionToken('AppServiceAuthSessionX=1')).toBeUndefined();
    expect(sessionToken(undefined)).toBeUndefined();
  });

  it('authenticates a request by its session cookie as by a bearer token, and by neither when unknown', () => {
    const byCookie = authenticateRequestHeaders({ cookie: 'AppServiceAuthSession=dev-token-of-researcher-1' }, tokens);
    expect(byCookie['x-ms-client-principal-id']).toBe('researcher-1');
    const unknown = authenticateRequestHeaders({ cookie: 'AppServiceAuthSession=not-a-token-of-anyone' }, tokens);
    expect(unknown['x-ms-client-principal']).toBeUndefined();
  });
});
