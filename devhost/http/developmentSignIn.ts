import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevelopmentCaller } from './clientPrincipalHeaders.js';
import type { SystemEndpoint } from './localHttpServer.js';
import { BodyTooLargeError, readBody } from './httpBody.js';

/**
 * App Service Authentication's session cookie: after /.auth/login/<provider>, the platform
 * authenticates the browser's requests from it, and the app sees the same x-ms-client-principal
 * headers as for a bearer token (learn.microsoft.com/azure/app-service/overview-authentication-authorization,
 * "Authentication flow": the server-directed flow keeps the session in a cookie).
 */
export const sessionCookie = 'AppServiceAuthSession';

/** Login picks a development identity, posted from a form: a short body. */
const maxFormBytes = 4096;

/**
 * The development token of a browser session: the value of the session cookie, when the request
 * has one. Locally the cookie holds the development token itself; it never leaves this machine.
 */
export function sessionToken(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookie) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Where to go after sign-in or sign-out: a path on this origin only, as App Service accepts for
 * post_login_redirect_uri without an allow-list ("/..." but not "//host" or "/\\host").
 */
export function localRedirect(value: string | null, fallback: string): string {
  if (value === null || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return /[\r\n]/.test(value) ? fallback : value;
}

/**
 * The local host's stand-in for `/.auth/login/<provider>` and `/.auth/logout`: a picker of the
 * development identities (DEVHOST_AUTH_TOKENS) that sets the session cookie, so a browser signs in
 * locally as it does in Azure and every request it makes then carries the caller.
 */
export function developmentSignIn(
  tokens: ReadonlyMap<string, DevelopmentCaller>,
  defaultRedirect = '/api/studio/',
): SystemEndpoint {
  return {
    pathPrefix: '/.auth/',
    async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
      const method = request.method ?? 'GET';
      if (url.pathname === '/.auth/login/dev' && method === 'GET') {
        const target = localRedirect(url.searchParams.get('post_login_redirect_uri'), defaultRedirect);
        send(response, 200, pickerPage(tokens, target));
        return;
      }
      if (url.pathname === '/.auth/login/dev' && method === 'POST') {
        let body: Buffer;
        try {
          body = await readBody(request, maxFormBytes);
        } catch (error: unknown) {
          if (!(error instanceof BodyTooLargeError)) throw error;
          send(response, 413, page('Sign in', '<p>The form is too large.</p>'));
          return;
        }
        const form = new URLSearchParams(body.toString('utf8'));
        const chosen = [...tokens].find(([, caller]) => caller.id === form.get('caller'));
        if (chosen === undefined) {
          send(response, 400, page('Sign in', '<p>No such development identity.</p>'));
          return;
        }
        response.writeHead(303, {
          location: localRedirect(form.get('post_login_redirect_uri'), defaultRedirect),
          'set-cookie': `${sessionCookie}=${encodeURIComponent(chosen[0])}; Path=/; HttpOnly; SameSite=Strict`,
          'cache-control': 'no-store',
        });
        response.end();
        return;
      }
      if (url.pathname === '/.auth/logout') {
        response.writeHead(303, {
          location: localRedirect(url.searchParams.get('post_logout_redirect_uri'), defaultRedirect),
          'set-cookie': `${sessionCookie}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
          'cache-control': 'no-store',
        });
        response.end();
        return;
      }
      send(response, 404, page('Not found', `<p>The local host does not serve ${escapeHtml(url.pathname)}.</p>`));
    },
  };
}

function pickerPage(tokens: ReadonlyMap<string, DevelopmentCaller>, target: string): string {
  const choices = [...tokens.values()]
    .map(
      (caller) =>
        `<li><button type="submit" name="caller" value="${escapeHtml(caller.id)}">${escapeHtml(caller.name)}</button> ` +
        `${escapeHtml(caller.roles.join(', ') || 'no role')}</li>`,
    )
    .join('');
  return page(
    'Sign in (local development)',
    `<p>The local host stands in for Entra ID: choose a development identity (DEVHOST_AUTH_TOKENS).</p>` +
      `<form method="post" action="/.auth/login/dev">` +
      `<input type="hidden" name="post_login_redirect_uri" value="${escapeHtml(target)}">` +
      `<ul>${choices}</ul></form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
    'cache-control': 'no-store',
  });
  response.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The studio's page under the route prefix (host.json extensions.http.routePrefix, '' for none). */
export function studioPath(routePrefix: string): string {
  return routePrefix === '' ? '/studio/' : `/${routePrefix}/studio/`;
}
