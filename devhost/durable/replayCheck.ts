import { EventType } from './historyEvents.js';
import { taskKindOf, type OrchestratorAction } from './orchestratorActions.js';
import type { TaskBook } from './taskBook.js';

/** DTFx TaskOrchestrationContext.Handle*Event messages, for the first recorded task the replay no longer matches. */
export function nonDeterminismOf(book: TaskBook, idActions: readonly OrchestratorAction[]): string | undefined {
  const rerun = 'Was a change made to the orchestrator code after this instance had already started running?';
  for (let index = 0; index < book.handledActions; index++) {
    const recorded = book.byActionIndex.get(index)?.event;
    if (recorded === undefined) continue;
    const id = recorded.EventId;
    const action = idActions[index];
    const kind = action === undefined ? undefined : taskKindOf(action);
    const actual = action === undefined ? '' : (action.functionName ?? '');
    const produced = action === undefined ? '' : actionTypeName(action);
    switch (recorded.EventType) {
      case EventType.TaskScheduled: {
        const name = recorded.Name ?? '';
        if (kind === undefined)
          return `A previous execution of this orchestration scheduled an activity task with sequence ID ${id} and name '${name}' (version ''), but the current replay execution hasn't (yet?) scheduled this task. ${rerun}`;
        if (kind !== 'activity')
          return `A previous execution of this orchestration scheduled an activity task with sequence number ${id} named '${name}', but the current orchestration replay instead produced a ${produced} action with this sequence number. ${rerun}`;
        if (name.toLowerCase() !== actual.toLowerCase())
          return `A previous execution of this orchestration scheduled an activity task with sequence number ${id} named '${name}', but the current orchestration replay instead scheduled an activity task named '${actual}' with this sequence number.  ${rerun}`;
        break;
      }
      case EventType.TimerCreated:
        if (kind === undefined)
          return `A previous execution of this orchestration scheduled a timer task with sequence number ${id} but the current replay execution hasn't (yet?) scheduled this task. ${rerun}`;
        if (kind !== 'timer')
          return `A previous execution of this orchestration scheduled a timer task with sequence number ${id} named but the current orchestration replay instead produced a ${produced} action with this sequence number. ${rerun}`;
        break;
      case EventType.SubOrchestrationInstanceCreated: {
        const name = recorded.Name ?? '';
        const described = `a sub-orchestration task with sequence ID ${id} and name '${name}' (version '', instance ID '${recorded.InstanceId ?? ''}')`;
        if (kind === undefined)
          return `A previous execution of this orchestration scheduled ${described}, but the current replay execution hasn't (yet?) scheduled this task. ${rerun}`;
        if (kind !== 'subOrchestration')
          return `A previous execution of this orchestration scheduled ${described}, but the current orchestration replay instead produced a ${produced} action at this sequence number. ${rerun}`;
        if (name.toLowerCase() !== actual.toLowerCase())
          return `A previous execution of this orchestration scheduled ${described}, but the current orchestration replay instead scheduled a sub-orchestration task with name ${actual} at this sequence number. ${rerun}`;
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

function actionTypeName(action: OrchestratorAction): string {
  switch (taskKindOf(action)) {
    case 'activity':
      return 'ScheduleTaskOrchestratorAction';
    case 'timer':
      return 'CreateTimerOrchestratorAction';
    default:
      return 'CreateSubOrchestrationAction';
  }
}
