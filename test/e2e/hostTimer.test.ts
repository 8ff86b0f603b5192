import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../devhost/embeddedAzurite.js';
import { hostTestAppMain, makeAppRoot, startHostProcess, type HostProcess } from '../support/hostProcess.js';
import { blobNames, containerOf, testConnectionString, uniqueName } from '../support/testStorage.js';
import { eventually } from '../support/eventually.js';

let host: HostProcess;
const hostId = uniqueName('timer-');
const markers = containerOf('test-markers');

beforeAll(async () => {
  host = await startHostProcess({
    appRoot: await makeAppRoot(hostTestAppMain),
    port: await freePort(),
    environment: { AzureWebJobsStorage: testConnectionString(), AzureFunctionsWebHost__hostid: hostId },
  });
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

describe('the local host serving timer triggers', () => {
  it('fires on the NCRONTAB schedule and hands over the schedule status', async () => {
    await markers.createIfNotExists();
    const names = await eventually(
      async () => {
        const found = await blobNames(markers, `timer/${hostId}/`);
        return found.length >= 2 ? found : undefined;
      },
      15_000,
      'two timer firings',
    );
    const payloads = await Promise.all(
      names.slice(0, 2).map(
        async (name) =>
          JSON.parse((await markers.getBlobClient(name).downloadToBuffer()).toString('utf8')) as {
            isPastDue: boolean;
            scheduleStatus: { last: string; next: string };
          },
      ),
    );
    for (const payload of payloads) {
      expect(payload.isPastDue).toBe(false);
      expect(new Date(payload.scheduleStatus.last).getUTCSeconds() % 2).toBe(0);
      expect(Date.parse(payload.scheduleStatus.next) - Date.parse(payload.scheduleStatus.last)).toBe(2000);
    }
    expect(host.output()).toMatch(/ticksEveryTwoSeconds: timerTrigger \*\/2 \* \* \* \* \*/);
  });
});
