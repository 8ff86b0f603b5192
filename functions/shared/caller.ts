import type { HttpRequest } from '@azure/functions';
import { requireCaller } from '../../src/platform/identity/authorization.js';
import type { Actor } from '../../src/platform/identity/actor.js';

/** The request's authenticated caller holding one of `roles` (any app role when omitted); 401/403 otherwise. */
export function callerOf(request: HttpRequest, roles?: readonly string[]): Actor {
  return requireCaller((name) => request.headers.get(name), roles);
}
