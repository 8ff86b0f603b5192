import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';

/** The durable bench's workload: five chained activities that report when they started. */

df.app.activity('benchStep', {
  handler: () => Date.now(),
});

df.app.orchestration('fiveStepChain', function* (context: OrchestrationContext) {
  const startedAt: unknown[] = [];
  for (let step = 0; step < 5; step++) startedAt.push(yield context.df.callActivity('benchStep', step));
  return startedAt;
});
