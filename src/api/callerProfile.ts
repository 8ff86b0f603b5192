import { z } from 'zod';
import type { Expect, SameShape } from '../platform/schema/sameShape.js';
import type { Actor } from '../platform/identity/actor.js';
import type { RegistryConfig } from '../domain/registry/registryConfig.js';
import type { ApiOperation } from './apiOperations.js';
import { requiredRoles } from './operationAccess.js';

/** Who the caller is and what they may do, so a client offers only the actions the server would allow. */
export const callerProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  may: z.record(z.string(), z.boolean()),
  mayChangeStage: z.record(z.string(), z.boolean()),
});
type _CallerProfileShape = Expect<SameShape<CallerProfile, z.output<typeof callerProfileSchema>>>;

export interface CallerProfile {
  id: string;
  name: string;
  roles: string[];
  /** Per operation of the table whose roles do not depend on the route: whether the caller holds one. */
  may: Record<string, boolean>;
  /** Per stage of the registry: whether the caller may assign and unassign it (its gate's roles). */
  mayChangeStage: Record<string, boolean>;
}

/**
 * The caller's profile, read from the same access entries and stage gates the caller check
 * enforces (requiredRoles), so what is offered is what would be allowed. The server still checks
 * every request; this only spares a user buttons that would answer 403.
 */
export function callerProfile(
  caller: Actor,
  operations: Readonly<Record<string, Pick<ApiOperation, 'access'>>>,
  registry: RegistryConfig,
): CallerProfile {
  const holds = (roles: 'anonymous' | readonly string[]): boolean =>
    roles === 'anonymous' || caller.roles.some((role) => roles.includes(role));
  const may: Record<string, boolean> = {};
  for (const [name, operation] of Object.entries(operations)) {
    if (operation.access !== 'stage-gate') may[name] = holds(requiredRoles(operation, {}, registry));
  }
  const mayChangeStage = Object.fromEntries(
    registry.stages.map((stage) => [stage, holds(requiredRoles({ access: 'stage-gate' }, { stage }, registry))]),
  );
  return { id: caller.id, name: caller.name, roles: [...caller.roles], may, mayChangeStage };
}
