import { z } from 'zod';
import type { Actor } from './actor.js';

export type HeaderLookup = (name: string) => string | null;

const clientPrincipalSchema = z.object({
  auth_typ: z.string().optional(),
  name_typ: z.string().optional(),
  role_typ: z.string().optional(),
  claims: z.array(z.object({ typ: z.string(), val: z.string() })),
});

const roleClaimTypes = ['roles', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role'];

/**
 * The caller as App Service Authentication reports it: `x-ms-client-principal` (base64 JSON of
 * claims) and `x-ms-client-principal-id`/`-name`, which the platform sets after validating the
 * token and strips from anything a client sends. Undefined when the request is anonymous.
 */
export function callerPrincipal(header: HeaderLookup): Actor | undefined {
  const encoded = header('x-ms-client-principal');
  const id = header('x-ms-client-principal-id');
  if (encoded === null || id === null) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    // The platform always sends valid JSON; anything else is treated as no caller at all.
    return undefined;
  }
  const parsed = clientPrincipalSchema.safeParse(decoded);
  if (!parsed.success) return undefined;
  const roleType = parsed.data.role_typ;
  const roles = parsed.data.claims
    .filter((claim) => claim.typ === roleType || roleClaimTypes.includes(claim.typ))
    .map((claim) => claim.val);
  return { id, name: header('x-ms-client-principal-name') ?? id, roles: [...new Set(roles)] };
}
