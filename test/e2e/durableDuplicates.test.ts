import { describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';
import { readStatus, startInstance, waitUntilFinished, useDurableHost } from '../support/durableHost.js';
import { testConnectionString, uniqueName } from '../support/testStorage.js';
import { eventually } from '../support/eventually.js';

const hub = uniqueName('DurableDup');
const durable = useDurableHost(hub);

/** A copy of the TaskCompleted the activity runner sent for task 0, as a redelivery or a re-run would. */
async function deliverAgain(instanceId: string, messageId: string): Promise<void> {
  const instances = TableClient.fromConnectionString(testConnectionString(), `${hub}Instances`, {
    allowInsecureConnection: true,
  });
  const row = await instances.getEntity<{ ExecutionId: string }>(instanceId, '');
  const message = {
    id: messageId.replace('EXECUTION', row.ExecutionId),
    instanceId,
    executionId: row.ExecutionId,
    event: {
      EventType: 5,
      EventId: -1,
      IsPlayed: false,
      Timestamp: new Date().toISOString(),
      TaskScheduledId: 0,
      Result: '"duplicate"',
    },
  };
  const control = QueueServiceClient.fromConnectionString(testConnectionString()).getQueueClient(
    `${hub.toLowerCase()}-control-00`,
  );
  await control.sendMessage(JSON.stringify(message));
}

describe('duplicate durable messages', () => {
  it('applies a task result once, whether it comes back with the same message id or another', async () => {
    const started = await startInstance(durable.host, 'crashableChain', { pauseMs: 2500, slowMs: 10 });
    await eventually(
      async () => ((await readStatus(durable.host, started.id)).body.customStatus === 'pausing' ? true : undefined),
      30_000,
      'the first activity to complete',
    );
    await deliverAgain(started.id, 'EXECUTION:0');
    await deliverAgain(started.id, 'a-different-message-id');

    const status = await waitUntilFinished(durable.host, started.id);
    expect(status.output).toEqual(['one-ok', 'two-ok', 'three-ok', 'four-ok']);
    expect(status.historyEvents?.filter((event) => event.EventType === 'TaskCompleted')).toHaveLength(4);
  });
});
