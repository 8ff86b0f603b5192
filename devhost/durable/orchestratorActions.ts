import { z } from 'zod';

/** actions/ActionType.js of durable-functions. */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

const retryOptionsSchema = z.object({
  firstRetryIntervalInMilliseconds: z.number().positive(),
  maxNumberOfAttempts: z.number().int(),
  backoffCoefficient: z.number().positive().optional(),
  maxRetryIntervalInMilliseconds: z.number().positive().optional(),
  retryTimeoutInMilliseconds: z.number().optional(),
});

export type RetryOptions = z.infer<typeof retryOptionsSchema>;

export interface OrchestratorAction {
  actionType: number;
  functionName?: string;
  /** Activity and ContinueAsNew string inputs arrive JSON-stringified already (Utils.processInput). */
  input?: unknown;
  instanceId?: string;
  version?: string;
  retryOptions?: RetryOptions;
  fireAt?: string;
  externalEventName?: string;
  compoundActions?: OrchestratorAction[];
}

const actionSchema: z.ZodType<OrchestratorAction> = z.lazy(() =>
  z.looseObject({
    actionType: z.number().int(),
    functionName: z.string().optional(),
    input: z.unknown().optional(),
    instanceId: z
      .string()
      .optional()
      .nullable()
      .transform((value) => value ?? undefined),
    version: z
      .string()
      .optional()
      .nullable()
      .transform((value) => value ?? undefined),
    retryOptions: retryOptionsSchema.optional(),
    fireAt: z.string().optional(),
    externalEventName: z.string().optional(),
    compoundActions: z.array(actionSchema).optional(),
  }),
);

/** orchestrations/OrchestratorState.js: what one orchestrator invocation returns. */
export const orchestratorStateSchema = z.object({
  isDone: z.boolean(),
  actions: z.array(z.array(actionSchema)),
  output: z.unknown().optional(),
  error: z.string().optional(),
  customStatus: z.unknown().optional(),
  schemaVersion: z.number().int(),
});

export type OrchestratorState = z.infer<typeof orchestratorStateSchema>;

/** The kinds of work that take a sequence number (the DTFx idCounter). */
export type TaskKind = 'activity' | 'timer' | 'subOrchestration';

export function taskKindOf(action: OrchestratorAction): TaskKind | undefined {
  switch (action.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
      return 'activity';
    case ActionType.CreateTimer:
      return 'timer';
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      return 'subOrchestration';
    default:
      return undefined;
  }
}

const unsupported = new Set<number>([
  ActionType.CallEntity,
  ActionType.CallHttp,
  ActionType.SignalEntity,
  ActionType.LockEntities,
  ActionType.ReleaseEntities,
]);

/**
 * The cumulative actions in the order the library tracks their tasks: depth-first through
 * Task.all / Task.any, children rather than wrappers (TaskOrchestrationExecutor.trackOpenTask).
 */
export function flattenActions(state: OrchestratorState): OrchestratorAction[] {
  const flat: OrchestratorAction[] = [];
  const visit = (action: OrchestratorAction): void => {
    if (action.actionType === ActionType.WhenAll || action.actionType === ActionType.WhenAny) {
      for (const child of action.compoundActions ?? []) visit(child);
    } else {
      flat.push(action);
    }
  };
  for (const group of state.actions) for (const action of group) visit(action);
  return flat;
}

/** The name of the first action the local engine cannot run (entities, durable HTTP), if any. */
export function unsupportedActionOf(actions: readonly OrchestratorAction[]): string | undefined {
  const action = actions.find((candidate) => unsupported.has(candidate.actionType));
  if (action === undefined) return undefined;
  const name = Object.entries(ActionType).find(([, value]) => value === action.actionType)?.[0];
  return name ?? `action type ${action.actionType}`;
}
