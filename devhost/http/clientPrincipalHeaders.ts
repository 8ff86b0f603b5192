/** A caller the local host authenticates with a development token (DEVHOST_AUTH_TOKENS). */
export interface DevelopmentCaller {
  id: string;
  name: string;
  roles: string[];
}

/**
 * The headers App Service Authentication sets for a signed-in Entra ID caller: the base64 JSON
 * principal with its claims, and the id and name on their own.
 * https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities
 */
export function clientPrincipalHeaders(caller: DevelopmentCaller): Record<string, string> {
  const principal = {
    auth_typ: 'aad',
    name_typ: 'name',
    role_typ: 'roles',
    claims: [
      { typ: 'name', val: caller.name },
      { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: caller.id },
      ...caller.roles.map((role) => ({ typ: 'roles', val: role })),
    ],
  };
  return {
    'x-ms-client-principal': Buffer.from(JSON.stringify(principal)).toString('base64'),
    'x-ms-client-principal-id': caller.id,
    'x-ms-client-principal-name': caller.name,
    'x-ms-client-principal-idp': 'aad',
  };
}
