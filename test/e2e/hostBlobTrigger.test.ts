import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as delay } from 'node:timers/promises';
import { QueueServiceClient } from '@azure/storage-queue';
import { freePort } from '../../devhost/embeddedAzurite.js';
import { hostTestAppMain, makeAppRoot, startHostProcess, type HostProcess } from '../support/hostProcess.js';
import { blobNames, containerOf, testConnectionString, uniqueName } from '../support/testStorage.js';
import { eventually } from '../support/eventually.js';

const markers = containerOf('test-markers');
const running: HostProcess[] = [];

/** Each test gets its own host id, so receipts, cursors and trigger queues never mix. */
async function startHost(hostId: string, extra: Record<string, string> = {}): Promise<HostProcess> {
  const host = await startHostProcess({
    appRoot: await makeAppRoot(hostTestAppMain, [
      { function: 'receivesBlobEvents', container: 'host-test-events', eventTypes: ['Microsoft.Storage.BlobCreated'] },
    ]),
    port: await freePort(),
    environment: {
      AzureWebJobsStorage: testConnectionString(),
      AzureFunctionsWebHost__hostid: hostId,
      DEVHOST_BLOB_POLL_MS: '200',
      DEVHOST_BLOB_VISIBILITY_SECONDS: '3',
      ...extra,
    },
  });
  running.push(host);
  return host;
}

async function upload(container: string, name: string, text: string): Promise<string> {
  const client = containerOf(container);
  await client.createIfNotExists();
  const result = await client.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));
  if (result.etag === undefined) throw new Error('no etag');
  return result.etag.replaceAll('"', '');
}

async function markerCount(prefix: string, atLeast: number): Promise<string[]> {
  return eventually(
    async () => {
      const names = await blobNames(markers, prefix);
      return names.length >= atLeast ? names : undefined;
    },
    20_000,
    `${atLeast} markers under ${prefix}`,
  );
}

beforeAll(async () => {
  await markers.createIfNotExists();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((host) => host.kill('SIGKILL')));
});

describe('the local host serving blob triggers', () => {
  it('fires once per blob version: not again for the same ETag, again after an overwrite', async () => {
    await startHost(uniqueName('versions-'));
    const name = `${uniqueName('subject')}.bin`;
    const first = await upload('host-test-uploads', name, 'version one');
    await markerCount(`recorded/${name}/${first}/`, 1);

    // Several scans later the same version has still fired exactly once.
    await delay(1500);
    expect(await blobNames(markers, `recorded/${name}/`)).toHaveLength(1);

    const second = await upload('host-test-uploads', name, 'version two');
    await markerCount(`recorded/${name}/${second}/`, 1);
    await delay(1000);
    expect(await blobNames(markers, `recorded/${name}/`)).toHaveLength(2);
  });

  it('delivers a BlobCreated event per version to an Event Grid subscriber', async () => {
    await startHost(uniqueName('events-'));
    const name = `${uniqueName('S')}/S.pkl`;
    const first = await upload('host-test-events', name, 'event one');
    await markerCount(`event/${name}/${first}/`, 1);
    const second = await upload('host-test-events', name, 'event two');
    await markerCount(`event/${name}/${second}/`, 1);
    await delay(1000);
    expect(await blobNames(markers, `event/${name}/`)).toHaveLength(2);
  });

  it('processes an upload made while the host was stopped once it starts', async () => {
    const hostId = uniqueName('restart-');
    const host = await startHost(hostId);
    const before = `${uniqueName('before')}.bin`;
    const etag = await upload('host-test-uploads', before, 'seen live');
    await markerCount(`recorded/${before}/${etag}/`, 1);
    await host.kill('SIGTERM');

    const during = `${uniqueName('during')}.bin`;
    const duringEtag = await upload('host-test-uploads', during, 'uploaded while down');
    await startHost(hostId);
    await markerCount(`recorded/${during}/${duringEtag}/`, 1);
    await delay(1000);
    expect(await blobNames(markers, `recorded/${before}/`)).toHaveLength(1);
  });

  it('loses no upload when the host is killed with SIGKILL mid-invocation', async () => {
    const hostId = uniqueName('crash-');
    const host = await startHost(hostId, { HOST_TEST_SLOW_MS: '3000' });
    const name = `${uniqueName('slow')}.bin`;
    const etag = await upload('host-test-slow', name, 'takes a while');
    await markerCount(`started/${name}/${etag}/`, 1);
    await host.kill('SIGKILL');
    expect(await blobNames(markers, `finished/${name}/`)).toHaveLength(0);

    await startHost(hostId, { HOST_TEST_SLOW_MS: '10' });
    await markerCount(`finished/${name}/${etag}/`, 1);
  });

  it('attempts a failing blob function poisonBlobThreshold times, then reports it on the poison queue', async () => {
    const host = await startHost(uniqueName('poison-'));
    const name = `${uniqueName('bad')}.bin`;
    const etag = await upload('host-test-poison', name, 'never succeeds');
    const poisonQueue =
      QueueServiceClient.fromConnectionString(testConnectionString()).getQueueClient('webjobs-blobtrigger-poison');
    const report = await eventually(
      async () => {
        if (!(await poisonQueue.exists())) return undefined;
        const { peekedMessageItems } = await poisonQueue.peekMessages({ numberOfMessages: 32 });
        return peekedMessageItems
          .map((item) => JSON.parse(Buffer.from(item.messageText, 'base64').toString('utf8')) as Record<string, string>)
          .find((message) => message.BlobName === name);
      },
      30_000,
      'the poison report',
    );
    expect(report).toMatchObject({
      ContainerName: 'host-test-poison',
      BlobName: name,
      FunctionId: 'Host.Functions.alwaysThrows',
    });
    expect(await blobNames(markers, `attempt/${name}/${etag}/`)).toHaveLength(5);

    // The host keeps serving, and the poisoned blob is not attempted again.
    expect((await fetch(`${host.origin}/api/echo/latest`)).status).toBe(200);
    await delay(1500);
    expect(await blobNames(markers, `attempt/${name}/`)).toHaveLength(5);
  });
});
