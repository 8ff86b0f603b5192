import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as delay } from 'node:timers/promises';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import type { EpochMetrics } from '../../src/domain/runs/runRecords.js';
import { RunStore } from '../../src/domain/runs/runStore.js';
import { DatasetCatalog } from '../../src/domain/datasets/datasetCatalog.js';
import { windowSetPrefix } from '../../src/domain/datasets/windowSetStore.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost, uploadSubjects } from '../support/productHost.js';
import { containerOf, testStorage, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';
import { finishedRun } from '../support/runFixtures.js';
import { waitForStatus } from '../support/durableHost.js';

let host: HostProcess;
const cancelSubjects = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];
const brokenSubjects = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];

beforeAll(async () => {
  host = await startProductHost('runcontrol');
  await uploadSubjects([...cancelSubjects, ...brokenSubjects], 300, 21);
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

async function call(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(`${host.origin}/api/${path}`, {
    method,
    headers: { ...bearer(token), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function runOf(runId: string): Promise<RunRecord> {
  return (await (await call('GET', `runs/${runId}`, devTokens.researcher)).json()) as RunRecord;
}

async function epochsOf(runId: string): Promise<EpochMetrics[]> {
  return (
    (await (await call('GET', `runs/${runId}/metrics`, devTokens.researcher)).json()) as { epochs: EpochMetrics[] }
  ).epochs;
}

async function startRun(body: unknown): Promise<string> {
  const response = await call('POST', 'runs', devTokens.researcher, body);
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { runId: string }).runId;
}

describe('controlling runs', () => {
  it('refuses up front, with the reason, a run that could not train', async () => {
    const [a, b, c] = cancelSubjects;
    const refusals: [unknown, string][] = [
      [{ subjects: [a, b, 'S999999999'] }, 'S999999999 has no labelled window set'],
      [
        { subjects: cancelSubjects, validationSubjects: [c], testSubjects: [c] },
        'both a validation and a test subject',
      ],
      [{ subjects: [a, b], testSubjects: [c] }, "is not one of the run's subjects"],
      [{ subjects: cancelSubjects, params: { epochs: 1e8 } }, 'epochs must be between 1 and 500'],
    ];
    for (const [body, reason] of refusals) {
      const response = await call('POST', 'runs', devTokens.researcher, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.text(), JSON.stringify(body)).toContain(reason);
    }
  });

  it('cancels a running run: the instance is terminated, the run ends cancelled, no further epoch is recorded', async () => {
    const runId = await startRun({
      experiment: uniqueName('cancel-'),
      model: uniqueName('cancel-cnn-'),
      params: { epochs: 200, batch_size: 8, seed: 4 },
      subjects: cancelSubjects,
      testSubjects: [cancelSubjects[2]],
    });
    // Time one epoch step from boundary to boundary (after epoch 1, which also plans SMOTE), and
    // cancel half-way through the next one.
    const progressOf = async (): Promise<number> => (await runOf(runId)).progress?.epoch ?? 0;
    const boundaryAfter = (epoch: number): Promise<number> =>
      eventually(
        async () => {
          const current = await progressOf();
          return current > epoch ? current : undefined;
        },
        120_000,
        `an epoch after ${epoch}`,
      );
    const first = await boundaryAfter(1);
    const started = Date.now();
    await boundaryAfter(first);
    const stepMs = Date.now() - started;
    await delay(stepMs / 2);

    expect((await call('POST', `runs/${runId}/cancel`, devTokens.secondResearcher)).status).toBe(403);
    const response = await call('POST', `runs/${runId}/cancel`, devTokens.researcher);
    expect(response.status).toBe(200);
    const cancelled = (await response.json()) as RunRecord;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { by: 'researcher-1' } });
    const epochsAtCancel = cancelled.progress?.epoch ?? 0;

    const instance = await waitForStatus(host, runId, ['Terminated', 'Completed', 'Failed'], 60_000);
    expect(instance.runtimeStatus).toBe('Terminated');
    // A step still running when the instance was terminated may finish; it must record nothing
    // (test/integration/runs/cancelledEpoch.test.ts shows it at the moment of the checkpoint).
    await delay(2 * stepMs);
    expect((await epochsOf(runId)).map((epoch) => epoch.epoch)).toEqual(
      Array.from({ length: epochsAtCancel }, (_, index) => index + 1),
    );
    expect(await runOf(runId)).toMatchObject({
      status: 'cancelled',
      progress: { epoch: epochsAtCancel },
      modelVersion: null,
    });

    const again = await call('POST', `runs/${runId}/cancel`, devTokens.approver);
    expect(again.status).toBe(200);
    expect(((await again.json()) as RunRecord).cancellation).toEqual(cancelled.cancellation);
    const audit = (await (await call('GET', 'audit?action=run-cancelled', devTokens.compliance)).json()) as {
      items: { actor: string; target: string }[];
    };
    expect(audit.items.filter((entry) => entry.target === `runs/${runId}`)).toEqual([
      expect.objectContaining({ actor: 'researcher-1' }),
    ]);
  }, 300_000);

  it('answers 409 for a run that has already finished', async () => {
    const finished = finishedRun({ experiment: uniqueName('done-'), createdBy: 'researcher-1' });
    await new RunStore(testStorage()).create(finished);
    const response = await call('POST', `runs/${finished.runId}/cancel`, devTokens.researcher);
    expect(response.status).toBe(409);
    expect((await runOf(finished.runId)).status).toBe('succeeded');
  });

  it('fails a run at once, without retries, when its data cannot be read', async () => {
    const [broken] = brokenSubjects;
    if (broken === undefined) throw new Error('no subject');
    const [windowSet] = (await new DatasetCatalog(testStorage()).page(1, undefined, { subject: broken })).items;
    if (windowSet === undefined) throw new Error(`${broken} has no window set`);
    await containerOf('wesad-processed')
      .getBlockBlobClient(`${windowSetPrefix(broken, windowSet.version)}EDA.npy`)
      .uploadData(Buffer.from('not a numpy array'));

    const runId = await startRun({
      model: uniqueName('broken-cnn-'),
      params: { epochs: 3, seed: 4 },
      subjects: brokenSubjects,
      testSubjects: [brokenSubjects[2]],
    });
    const run = await eventually(
      async () => {
        const current = await runOf(runId);
        return current.status === 'failed' ? current : undefined;
      },
      120_000,
      'the run to fail',
    );
    expect(run.error).toMatch(/^Not an \.npy file\. \(correlation id [0-9a-f]{20}\)$/);
    const instance = await waitForStatus(host, runId, ['Completed', 'Failed', 'Terminated'], 60_000);
    const epochSteps = (instance.historyEvents ?? []).filter((event) => event.FunctionName === 'trainingTrainEpoch');
    // One attempt that completed with the give-up; a retried failure would show TaskFailed events and timers.
    expect(epochSteps.map((event) => event.EventType)).toEqual(['TaskCompleted']);
    expect((instance.historyEvents ?? []).filter((event) => event.EventType === 'TimerFired')).toEqual([]);
  });
});
