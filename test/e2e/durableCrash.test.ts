import { afterEach, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import {
  durableAppRoot,
  startDurableHost,
  readStatus,
  startInstance,
  waitUntilFinished,
} from '../support/durableHost.js';
import { blobNames, containerOf } from '../support/testStorage.js';
import { eventually } from '../support/eventually.js';

const markers = containerOf('durable-markers');
const running: HostProcess[] = [];
const expectedOutput = ['one-ok', 'two-ok', 'three-ok', 'four-ok'];

afterEach(async () => {
  await Promise.all(running.splice(0).map((host) => host.kill('SIGKILL')));
});

async function start(appRoot: string): Promise<HostProcess> {
  const host = await startDurableHost(appRoot);
  running.push(host);
  return host;
}

async function count(kind: string, run: string, step: string): Promise<number> {
  return (await blobNames(markers, `${kind}/${run}/${step}/`)).length;
}

describe('a durable orchestration surviving SIGKILL of the host', () => {
  it('resumes by replay when killed between activities, without running a finished activity again', async () => {
    const appRoot = await durableAppRoot();
    const first = await start(appRoot);
    const started = await startInstance(first, 'crashableChain', { pauseMs: 3000, slowMs: 10 });
    await eventually(
      async () => ((await readStatus(first, started.id)).body.customStatus === 'pausing' ? true : undefined),
      30_000,
      'the orchestration to wait on its durable timer',
    );
    expect(await count('done', started.id, 'two')).toBe(0);
    await first.kill('SIGKILL');

    const second = await start(appRoot);
    const status = await waitUntilFinished(second, started.id, 60_000);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toEqual(expectedOutput);
    for (const step of ['one', 'two', 'three', 'four']) expect(await count('done', started.id, step)).toBe(1);
  });

  it('runs an interrupted activity again after a kill, and only that one', async () => {
    const appRoot = await durableAppRoot();
    const first = await start(appRoot);
    const started = await startInstance(first, 'crashableChain', { pauseMs: 10, slowMs: 4000 });
    await eventually(
      async () => ((await count('started', started.id, 'three')) > 0 ? true : undefined),
      30_000,
      'the slow activity to start',
    );
    await first.kill('SIGKILL');
    expect(await count('done', started.id, 'three')).toBe(0);

    const second = await start(appRoot);
    const status = await waitUntilFinished(second, started.id, 60_000);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toEqual(expectedOutput);
    expect(await count('started', started.id, 'three')).toBe(2);
    for (const step of ['one', 'two', 'three', 'four']) expect(await count('done', started.id, step)).toBe(1);
  });
});
