import { describeError } from '../core/describeError.js';
import type { Invoker } from '../core/invoker.js';
import type { RegisteredFunction } from '../core/functionCatalog.js';
import type { RpcTypedData } from '../core/coreTypes.js';
import type { HistoryEvent } from './historyEvents.js';
import { orchestratorStateSchema, type OrchestratorState } from './orchestratorActions.js';

/** Replay schema V3 (ReplaySchema.js: V1=0 … V4=3): cumulative actions in one array, timer settings required. */
const upperSchemaVersion = 2;
/** Huge on purpose: longer timers would become LongTimerTask sub-timers that take extra ids. */
const maximumShortTimerDuration = '3650.00:00:00';
const outOfProcDataLabel = '\n\n$OutOfProcData$:';

export interface EpisodeInput {
  instanceId: string;
  parentInstanceId?: string;
  /** The execution's input as JSON text, null when none. */
  input: string | null;
  history: HistoryEvent[];
}

export type EpisodeOutcome =
  | { kind: 'state'; state: OrchestratorState }
  /** The orchestrator threw: `state` carries the actions it took before (when the library reported them). */
  | { kind: 'failed'; error: string; state?: OrchestratorState };

/**
 * Runs one orchestrator episode through the durable-functions out-of-process protocol: the
 * trigger payload the extension sends (OrchestrationTriggerAttributeBindingProvider), and the
 * OrchestratorState it returns, or the OrchestrationFailureError it throws.
 */
export async function runOrchestratorEpisode(
  invoker: Invoker,
  orchestrator: RegisteredFunction,
  episode: EpisodeInput,
): Promise<EpisodeOutcome> {
  const payload = {
    history: episode.history,
    input: episode.input === null || episode.input === '' ? null : (JSON.parse(episode.input) as unknown),
    instanceId: episode.instanceId,
    isReplaying: false,
    parentInstanceId: episode.parentInstanceId ?? null,
    upperSchemaVersion: 1,
    upperSchemaVersionNew: upperSchemaVersion,
    longRunningTimerIntervalDuration: '3.00:00:00',
    maximumShortTimerDuration,
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
  let returned: RpcTypedData | null | undefined;
  try {
    const response = await invoker.invoke(orchestrator, { trigger: { string: JSON.stringify(payload) } });
    returned = response.returnValue;
  } catch (error: unknown) {
    const message = describeError(error);
    const label = message.indexOf(outOfProcDataLabel);
    if (label === -1) return { kind: 'failed', error: message };
    const state = orchestratorStateSchema.parse(JSON.parse(message.slice(label + outOfProcDataLabel.length)));
    return { kind: 'failed', error: state.error ?? message.slice(0, label), state };
  }
  const text = returned?.json ?? returned?.string;
  if (text === undefined) throw new Error(`Orchestrator "${orchestrator.metadata.name}" returned no state.`);
  return { kind: 'state', state: orchestratorStateSchema.parse(JSON.parse(text)) };
}
