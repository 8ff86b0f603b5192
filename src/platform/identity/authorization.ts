import type { Actor } from './actor.js';
import { callerPrincipal, type HeaderLookup } from './callerPrincipal.js';
import { HttpProblem } from '../http/httpProblem.js';

export type AppRole = 'Researcher' | 'ModelApprover' | 'ComplianceOfficer' | 'Admin';

export const allRoles: readonly AppRole[] = ['Researcher', 'ModelApprover', 'ComplianceOfficer', 'Admin'];

/**
 * The authenticated caller, holding one of `roles`: 401 without a caller, 403 without the role.
 * Reads are open to every role of the app; each change names the roles it needs.
 *
 * The caller comes from App Service Authentication's `x-ms-client-principal` headers, trusted only
 * when `easyAuthEnabled` (the platform's WEBSITE_AUTH_ENABLED=True): the platform strips those
 * headers from incoming requests and sets them itself only while it is on. Routes are `anonymous`
 * at the Functions level (function keys are checked independently of Easy Auth), so this check is
 * the gate.
 */
export function requireCaller(header: HeaderLookup, roles: readonly string[], easyAuthEnabled: boolean): Actor {
  const actor = easyAuthEnabled ? callerPrincipal(header) : undefined;
  if (actor === undefined)
    throw new HttpProblem('unauthorized', 'Sign in: this endpoint needs an authenticated caller.');
  return requireRole(actor, roles);
}

/**
 * 403 unless the authenticated caller holds one of `roles`: for routes whose roles depend on a
 * route value (a stage's gate), checked after the caller was authenticated and before any lookup.
 */
export function requireRole(actor: Actor, roles: readonly string[]): Actor {
  if (!actor.roles.some((role) => roles.includes(role))) {
    throw new HttpProblem('forbidden', `This needs one of the roles ${roles.join(', ')}.`, { requiredRoles: roles });
  }
  return actor;
}
