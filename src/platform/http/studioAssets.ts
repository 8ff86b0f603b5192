import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** What the studio route answers: a file of the built studio, a redirect, or nothing. */
export interface StudioResponse {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
}

/**
 * The studio loads nothing from another origin (it must work in a locked-down network) and runs no
 * inline script: scripts, styles and API calls from this origin only; no frames, no plugins, no
 * form posts elsewhere, and nobody may frame it (clickjacking on the promote button).
 */
export const studioContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The page names its assets by content hash (tools/buildStudio.ts), so they never change under a name. */
const hashedName = /-[A-Z0-9]{8,}\.(js|css)$/;
const indexFile = 'index.html';

/**
 * Serves the built studio (dist/studio) for the route /studio/{*path}. Only the files present in
 * the folder when it was first listed can be answered, looked up by exact name in that listing, so
 * no request path (`..`, encoded slashes, absolute paths) can reach another file. The page itself
 * is revalidated on each load; the hashed scripts and styles are cached for a year, privately, as
 * everything behind sign-in is.
 */
export class StudioAssets {
  #files: Promise<ReadonlySet<string>> | undefined;

  constructor(private readonly folder: string) {}

  /**
   * The answer for the route value `routePath` (what follows /studio/) of a request to `requestPath`.
   * The bare /studio is redirected to /studio/, so the page's relative asset names resolve under it.
   */
  async respond(routePath: string, requestPath: string): Promise<StudioResponse> {
    if (routePath === '' && !requestPath.endsWith('/')) {
      return { status: 308, headers: { location: `${requestPath}/`, 'cache-control': 'no-store' } };
    }
    const name = routePath === '' ? indexFile : routePath;
    const files = await this.#listing();
    const contentType = contentTypes[path.extname(name).toLowerCase()];
    if (!files.has(name) || contentType === undefined) {
      return {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders() },
        body: Buffer.from('Not found'),
      };
    }
    return {
      status: 200,
      headers: {
        'content-type': contentType,
        'cache-control': hashedName.test(name) ? 'private, max-age=31536000, immutable' : 'no-cache',
        ...securityHeaders(),
      },
      body: await readFile(path.join(this.folder, name)),
    };
  }

  #listing(): Promise<ReadonlySet<string>> {
    this.#files ??= readdir(this.folder, { withFileTypes: true }).then(
      (entries) => new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name)),
      (error: unknown) => {
        this.#files = undefined;
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set<string>();
        throw error;
      },
    );
    return this.#files;
  }
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': studioContentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
