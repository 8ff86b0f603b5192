import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { clientPrincipalHeaders, type DevelopmentCaller } from './clientPrincipalHeaders.js';
import { sessionToken } from './developmentSignIn.js';

const platformHeaders = /^x-ms-client-principal/i;

/**
 * Plays App Service Authentication for the local host: whatever `x-ms-client-principal*` a client
 * sends is dropped (only the platform may set it), and a known development bearer token, or else
 * the browser session cookie set by the sign-in picker (developmentSignIn.ts), is turned into the
 * headers the platform would set for its caller.
 */
export function authenticateRequestHeaders(
  headers: Record<string, string>,
  tokens: ReadonlyMap<string, DevelopmentCaller>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!platformHeaders.test(name)) result[name] = value;
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1] ?? sessionToken(headers.cookie);
  const actor = bearer === undefined ? undefined : tokens.get(bearer);
  return actor === undefined ? result : { ...result, ...clientPrincipalHeaders(actor) };
}

/** Shared with infra/ (authsettingsV2 globalValidation), so Azure and the local host exclude the same paths. */
export const authenticationSettingsFile = 'infra/authentication.json';

const settingsSchema = z.object({ excludedPaths: z.array(z.string().startsWith('/')) });

/**
 * The paths App Service Authentication lets through without a caller (infra/authentication.json);
 * undefined when the app declares none, and then the local host requires no caller anywhere.
 */
export async function readAuthenticationExclusions(appRoot: string): Promise<string[] | undefined> {
  const file = path.join(appRoot, authenticationSettingsFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = settingsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not valid: ${parsed.error.message}`);
  return parsed.data.excludedPaths;
}

/**
 * Whether App Service Authentication with requireAuthentication and unauthenticatedClientAction
 * Return401 refuses the request before the app sees it (learn.microsoft.com/azure/app-service/
 * configure-authentication-file-based, "globalValidation"): no validated caller, and the path is not
 * one of excludedPaths. The platform answers from the headers alone, so the body is never read.
 * Paths are compared whole and case-insensitively, the stricter reading of "the paths excluded".
 */
export function refusedAsUnauthenticated(
  pathname: string,
  authenticatedHeaders: Record<string, string>,
  excludedPaths: readonly string[],
): boolean {
  if (authenticatedHeaders['x-ms-client-principal'] !== undefined) return false;
  const normalised = pathname.replace(/\/+$/, '').toLowerCase();
  return !excludedPaths.some((excluded) => excluded.replace(/\/+$/, '').toLowerCase() === normalised);
}
