import {
  app,
  type FunctionInput,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
} from '@azure/functions';
import { apiOperations } from '../../src/api/apiOperations.js';
import { authLevelOf, requiredRoles, routeOf } from '../../src/api/operationAccess.js';
import { appConfig } from '../../src/app/appConfig.js';
import { appAuditTrail } from '../../src/app/appAudit.js';
import { requireCaller } from '../../src/platform/identity/authorization.js';
import type { Actor } from '../../src/platform/identity/actor.js';
import type { AuditEvent } from '../../src/domain/audit/auditRecords.js';
import { withProblemResponses } from './httpAdapter.js';

type Operations = typeof apiOperations;

const functionsMethod = { get: 'GET', post: 'POST', put: 'PUT', delete: 'DELETE' } as const;
export type OperationName = keyof Operations;

/** What an audited operation tells its audit entry; the action and the actor come from the table and the caller. */
export interface AuditedChange {
  target: string;
  details: AuditEvent['details'];
}

/** A handler's result: the response, plus what to audit when the operation's table entry names an audit action. */
export type OperationResult<Name extends OperationName> = HttpResponseInit &
  (Operations[Name] extends { audit: string } ? { audit: AuditedChange } : { audit?: never });

/** The caller a handler gets: none for anonymous operations, the checked caller otherwise. */
export type CallerOf<Name extends OperationName> = Operations[Name]['access'] extends 'anonymous' ? undefined : Actor;

export type OperationHandler<Name extends OperationName> = (
  request: HttpRequest,
  context: InvocationContext,
  caller: CallerOf<Name>,
) => Promise<OperationResult<Name>>;

/**
 * Registers the operation `name` of the table with the Functions runtime: route, method and auth
 * level from its entry; the caller checked against its access before the handler runs (so nothing
 * is looked up, and no body read, for a caller who may not call it); its audit entry appended
 * after the handler succeeds. Returns the registered handler.
 */
export function registerHttpOperation<Name extends OperationName>(
  name: Name,
  handler: OperationHandler<Name>,
  extraInputs: FunctionInput[] = [],
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  const operation: Operations[OperationName] = apiOperations[name];
  const registered = withProblemResponses(async (request, context) => {
    const config = appConfig();
    const roles = requiredRoles(operation, request.params, config.registry);
    const caller =
      roles === 'anonymous'
        ? undefined
        : requireCaller((header) => request.headers.get(header), roles, config.easyAuthEnabled);
    const { audit, ...response } = await handler(request, context, caller as CallerOf<Name>);
    if ('audit' in operation && caller !== undefined && audit !== undefined) {
      await appAuditTrail().append({ actor: caller.id, action: operation.audit, ...audit });
    }
    return response;
  });
  app.http(name, {
    methods: [functionsMethod[operation.method]],
    authLevel: authLevelOf(operation),
    route: routeOf(operation),
    extraInputs,
    handler: registered,
  });
  return registered;
}
