import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobServiceClient } from '@azure/storage-blob';
import { freePort, startEmbeddedAzurite, type EmbeddedAzurite } from '../../devhost/embeddedAzurite.js';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import type { RegistryEvent } from '../../src/domain/registry/registryRecords.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost, uploadSubjects } from '../support/productHost.js';
import { readStatus, type InstanceStatus } from '../support/durableHost.js';
import { uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { syntheticPickle, uniqueSubjectId } from '../support/syntheticUploads.js';

/**
 * Continuous training through the public interfaces, on an Azurite of its own: automatic runs
 * train on every labelled window set there is, which must not include other test files' uploads.
 * The cases run in order: the second judges challengers against the production version the
 * first one's run became.
 */

const quietSeconds = 15;
const instanceId = 'continuous-training-default';
const model = uniqueName('auto-cnn-');
let azurite: EmbeddedAzurite;
let host: HostProcess;
let hostId: string;
let port: number;

async function startHost(): Promise<HostProcess> {
  return startProductHost(
    'continuous',
    {
      AzureWebJobsStorage: azurite.connectionString,
      CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT: 'default',
      CONTINUOUS_TRAINING_QUIET_SECONDS: String(quietSeconds),
      DEVHOST_DURABLE_VISIBILITY_SECONDS: '4',
      // The gate's threshold is not what this file is about (stageGates tests cover it); its presence is.
      REGISTRY_GATES: JSON.stringify({
        production: { minimumMetrics: { test_auc: 0 }, distinctApprover: true, roles: ['ModelApprover'] },
      }),
    },
    hostId,
    port,
  );
}

async function api<T>(
  path: string,
  init: { method?: string; body?: string } = {},
  token: string = devTokens.researcher,
): Promise<T> {
  const response = await fetch(`${host.origin}${path}`, {
    ...init,
    headers: { ...bearer(token), 'content-type': 'application/json' },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function automaticRuns(): Promise<RunRecord[]> {
  const page = await api<{ items: RunRecord[] }>('/api/runs?experiment=default&pageSize=100');
  return page.items.filter((run) => run.continuousTraining !== undefined);
}

async function orchestration(): Promise<InstanceStatus> {
  return (await readStatus(host, instanceId)).body;
}

function phaseOf(status: InstanceStatus): string | undefined {
  return (status.customStatus as { phase?: string } | null)?.phase;
}

/** Waits until the singleton is back to idle after judging `count` automatic runs in all. */
async function judgedRuns(count: number): Promise<RunRecord[]> {
  return eventually(
    async () => {
      const runs = await automaticRuns();
      const judged = runs.filter((run) => run.continuousTraining?.verdict !== null);
      return judged.length >= count && phaseOf(await orchestration()) === 'idle' ? runs : undefined;
    },
    240_000,
    `${count} automatic run(s) to be judged`,
  );
}

async function putSettings(margin: number): Promise<void> {
  await api('/api/experiments/default/continuous-training', {
    method: 'PUT',
    body: JSON.stringify({
      enabled: true,
      model,
      params: { epochs: 1, seed: 4 },
      comparison: { metric: 'test_auc', margin },
    }),
  });
}

async function stageVersion(stage: string): Promise<string | undefined> {
  const response = await fetch(`${host.origin}/api/models/${model}/stages/${stage}`, {
    headers: bearer(devTokens.researcher),
  });
  return response.status === 404 ? undefined : ((await response.json()) as { version: string }).version;
}

beforeAll(async () => {
  azurite = await startEmbeddedAzurite();
  hostId = uniqueName('continuous-');
  port = await freePort();
  host = await startHost();
});

afterAll(async () => {
  await host.kill('SIGTERM');
  await azurite.stop();
});

describe('continuous training', () => {
  const burst = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];

  it('turns a burst of 5 uploads into one run after the quiet period, across a host killed during the wait', async () => {
    await putSettings(-1);
    await uploadSubjects(burst, 300, 21, azurite.connectionString);
    const waiting = await eventually(
      async () => {
        const status = await orchestration();
        return phaseOf(status) === 'waiting' ? status : undefined;
      },
      20_000,
      'the singleton to wait for quiet',
    );
    expect(waiting.runtimeStatus).toBe('Running');
    expect(await automaticRuns()).toEqual([]);
    await host.kill('SIGKILL');
    host = await startHost();

    const runs = await judgedRuns(1);
    expect(runs).toHaveLength(1);
    const [run] = runs as [RunRecord];
    expect(run.status).toBe('succeeded');
    expect(run.createdBy).toBe('system:continuous-training');
    expect(run.datasetSnapshot?.windowSets.map((set) => set.subject).sort()).toEqual([...burst].sort());
    expect(run.params).toMatchObject({ epochs: 1, seed: 4 });
    expect(run.continuousTraining?.report).toBe(`/api/runs/${run.runId}/report`);
    // No production version yet: a challenger that passes the gates is staged.
    expect(run.continuousTraining?.verdict).toMatchObject({ champion: null, promote: true });
    expect(await stageVersion('staging')).toBe(run.modelVersion);

    // At-least-once delivery: the same recording delivered again is the same data; it trains nothing.
    const subject = burst[0] ?? '';
    await BlobServiceClient.fromConnectionString(azurite.connectionString)
      .getContainerClient('wesad-raw')
      .getBlockBlobClient(`${subject}/${subject}.pkl`)
      .uploadData(syntheticPickle(subject, 300, 21));
    await eventually(
      async () => {
        const status = await orchestration();
        const last = (status.customStatus as { last?: { outcome?: string } } | null)?.last;
        return last?.outcome === 'skipped' ? true : undefined;
      },
      90_000,
      'the repeated window set to be recognised',
    );
    expect(await automaticRuns()).toHaveLength(1);
  }, 420_000);

  it('stages a challenger that beats production by the margin, leaves one that does not, never touches production', async () => {
    const [first] = await automaticRuns();
    const production = first?.modelVersion ?? '';
    await api(
      `/api/models/${model}/stages/production`,
      { method: 'PUT', body: JSON.stringify({ version: production, reason: 'reviewed' }) },
      devTokens.approver,
    );

    await putSettings(-1);
    await uploadSubjects([uniqueSubjectId()], 300, 31, azurite.connectionString);
    const [winner] = (await judgedRuns(2)).filter((run) => run.runId !== first?.runId) as [RunRecord];
    const winning = winner.continuousTraining?.verdict;
    expect(winning).toMatchObject({ promote: true, champion: { version: production } });
    expect(winning?.champion?.metrics.test_auc).toEqual(expect.any(Number));
    expect(winning?.deltas.test_auc).toBeCloseTo(
      (winning?.challenger.metrics.test_auc ?? NaN) - (winning?.champion?.metrics.test_auc ?? NaN),
      10,
    );
    expect(await stageVersion('staging')).toBe(winner.modelVersion);
    const events = await api<{ items: RegistryEvent[] }>(`/api/models/${model}/events?pageSize=100`);
    const staged = events.items.find((event) => event.stage === 'staging' && event.toVersion === winner.modelVersion);
    expect(staged?.actor).toBe('system:continuous-training');
    expect(staged?.reason).toContain(`test_auc`);
    expect(staged?.reason).toContain(`production ${production}`);

    const report = await fetch(`${host.origin}/api/runs/${winner.runId}/report`, {
      headers: bearer(devTokens.researcher),
    });
    const html = await report.text();
    expect(html).toContain('Challenger vs champion');
    expect(html).toContain(`production ${production}`);
    expect(html).toContain('Δ');

    await putSettings(1);
    await uploadSubjects([uniqueSubjectId()], 300, 41, azurite.connectionString);
    const [loser] = (await judgedRuns(3)).filter((run) => run.runId !== first?.runId && run.runId !== winner.runId) as [
      RunRecord,
    ];
    expect(loser.continuousTraining?.verdict).toMatchObject({ promote: false, assignedAt: null });
    expect(loser.continuousTraining?.verdict?.reason).toContain('below the margin');
    expect(await stageVersion('staging')).toBe(winner.modelVersion);
    expect(await stageVersion('production')).toBe(production);
    const history = await api<{ items: RegistryEvent[] }>(`/api/models/${model}/events?pageSize=100`);
    const productionChanges = history.items.filter((event) => event.stage === 'production');
    expect(productionChanges.map((event) => event.actor)).toEqual(['approver-1']);
    expect(history.items.some((event) => event.toVersion === loser.modelVersion)).toBe(false);
  }, 600_000);
});
