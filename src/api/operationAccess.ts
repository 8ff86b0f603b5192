import { allRoles } from '../platform/identity/authorization.js';
import type { RegistryConfig } from '../domain/registry/registryConfig.js';
import { rolesForStage } from '../domain/registry/stageAuthorization.js';
import type { ApiOperation } from './apiOperations.js';

/**
 * The roles that may call `operation` with these route values, or 'anonymous'. The caller check
 * and the OpenAPI document both read it, so what is documented is what is enforced.
 */
export function requiredRoles(
  operation: Pick<ApiOperation, 'access'>,
  routeParams: Readonly<Record<string, string | undefined>>,
  registry: RegistryConfig,
): 'anonymous' | readonly string[] {
  const { access } = operation;
  if (access === 'anonymous') return 'anonymous';
  if (access === 'authenticated') return allRoles;
  if (access === 'stage-gate') return rolesForStage(registry, routeParams.stage ?? '');
  return access;
}

/** The OpenAPI extension naming who may call: `x-roles`, or `x-roles-by-stage` for stage-gated routes. */
export function documentedRoles(
  operation: Pick<ApiOperation, 'access'>,
  registry: RegistryConfig,
): Record<string, unknown> {
  if (operation.access === 'anonymous') return {};
  if (operation.access === 'stage-gate') {
    return {
      'x-roles-by-stage': Object.fromEntries(
        registry.stages.map((stage) => [stage, requiredRoles(operation, { stage }, registry)]),
      ),
    };
  }
  return { 'x-roles': requiredRoles(operation, {}, registry) };
}

/**
 * The Functions auth level of an operation's route: 'anonymous' for every operation, whatever its
 * access. Behind App Service Authentication the Functions host still checks function keys on its
 * own, so a signed-in caller with a bearer token and no key would get 401 from a 'function' route
 * (app-service-authentication-how-to; functions-bindings-http-webhook-trigger "authLevel"). Who
 * may call is decided by the app's caller check (requireCaller) from the platform's principal.
 */
export function authLevelOf(_operation: Pick<ApiOperation, 'access'>): 'anonymous' {
  return 'anonymous';
}

/** The Functions route of an operation: its OpenAPI path without the leading slash. */
export function routeOf(operation: Pick<ApiOperation, 'path'>): string {
  return operation.path.replace(/^\//, '');
}
