import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../../support/hostProcess.js';
import { startProductHost } from '../../support/productHost.js';
import { bearer, devTokens } from '../../support/devTokens.js';
import { eventually } from '../../support/eventually.js';

/**
 * The studio as the local host serves it: behind the same authentication as every other route
 * (infra/authentication.json does not exclude it), reached in a browser through the sign-in
 * picker that stands in for App Service Authentication's /.auth/login/<provider>: after sign-in the
 * platform keeps the browser's session in the AppServiceAuthSession cookie and authenticates its
 * requests from it (learn.microsoft.com/azure/app-service/overview-authentication-authorization,
 * "Authentication flow"), and post_login_redirect_uri / post_logout_redirect_uri send the browser
 * back to a path of the app (learn.microsoft.com/azure/app-service/configure-authentication-customize-sign-in-out).
 */
let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('studio-route');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

async function signIn(callerId: string): Promise<string> {
  const response = await fetch(`${host.origin}/.auth/login/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ caller: callerId, post_login_redirect_uri: '/api/studio/#/runs' }).toString(),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/api/studio/#/runs');
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^AppServiceAuthSession=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
  return cookie.split(';')[0] ?? '';
}

describe('the studio route', () => {
  it('is announced by the host as npm start prints it: through the sign-in picker, back to the studio', async () => {
    const announced = `Studio (open in a browser): ${host.origin}/.auth/login/dev?post_login_redirect_uri=%2Fapi%2Fstudio%2F`;
    await eventually(() => Promise.resolve(host.output().includes(announced) ? true : undefined), 10_000, 'the URL');
    const picker = await fetch(announced.slice(announced.indexOf('http')));
    expect(picker.status).toBe(200);
  });

  it('lets nobody in without signing in, as Easy Auth does not exclude it', async () => {
    const response = await fetch(`${host.origin}/api/studio/`);
    expect(response.status).toBe(401);
    expect((await fetch(`${host.origin}/api/me`)).status).toBe(401);
  });

  it('offers the development identities, and signs a browser in with a session cookie', async () => {
    const picker = await fetch(`${host.origin}/.auth/login/dev?post_login_redirect_uri=/api/studio/`);
    expect(picker.status).toBe(200);
    const html = await picker.text();
    expect(html).toContain('value="approver-1"');
    expect(html).toContain('ComplianceOfficer');
    expect(html).not.toContain(devTokens.approver);

    const session = await signIn('approver-1');
    const page = await fetch(`${host.origin}/api/studio/`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const me = (await (await fetch(`${host.origin}/api/me`, { headers: { cookie: session } })).json()) as {
      id: string;
      roles: string[];
      mayChangeStage: Record<string, boolean>;
    };
    expect(me).toMatchObject({ id: 'approver-1', roles: ['ModelApprover'] });
    expect(me.mayChangeStage.production).toBe(true);
  });

  it('refuses an unknown identity and redirects only to paths of this origin', async () => {
    const unknown = await fetch(`${host.origin}/.auth/login/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'caller=mallory',
      redirect: 'manual',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('set-cookie')).toBeNull();
    const offsite = await fetch(`${host.origin}/.auth/logout?post_logout_redirect_uri=//evil.example/`, {
      redirect: 'manual',
    });
    expect(offsite.headers.get('location')).toBe('/api/studio/');
    expect(offsite.headers.get('set-cookie')).toContain('Max-Age=0');
  });

  it('serves the bundle by its hashed name with a year of caching, and redirects /studio to /studio/', async () => {
    const page = await (await fetch(`${host.origin}/api/studio/`, { headers: bearer(devTokens.researcher) })).text();
    const script = /src="\.\/(studio-[A-Z0-9]+\.js)"/.exec(page)?.[1] ?? 'absent';
    const bundle = await fetch(`${host.origin}/api/studio/${script}`, { headers: bearer(devTokens.researcher) });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(bundle.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const bare = await fetch(`${host.origin}/api/studio`, {
      headers: bearer(devTokens.researcher),
      redirect: 'manual',
    });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/api/studio/');
    const traversal = await fetch(`${host.origin}/api/studio/..%2F..%2Fpackage.json`, {
      headers: bearer(devTokens.researcher),
    });
    expect(traversal.status).toBe(404);
  });
});
