import { clientPrincipalHeaders, type DevelopmentCaller } from './clientPrincipalHeaders.js';

const platformHeaders = /^x-ms-client-principal/i;

/**
 * Plays App Service Authentication for the local host: whatever `x-ms-client-principal*` a client
 * sends is dropped (only the platform may set it), and a known development bearer token is
 * turned into the headers the platform would set for its caller.
 */
export function authenticateRequestHeaders(
  headers: Record<string, string>,
  tokens: ReadonlyMap<string, DevelopmentCaller>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!platformHeaders.test(name)) result[name] = value;
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  const actor = bearer === undefined ? undefined : tokens.get(bearer);
  return actor === undefined ? result : { ...result, ...clientPrincipalHeaders(actor) };
}
