import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/domain/audit/auditTrail.js';
import { SettingAuditKey } from '../../../src/domain/audit/auditKey.js';
import { HttpProblem } from '../../../src/platform/http/httpProblem.js';
import { cancelRun, type CancelServices } from '../../../src/domain/runs/cancelRun.js';
import { TrainingActivities } from '../../../src/workflows/training/trainingActivities.js';
import { ModelRegistry } from '../../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../../src/domain/registry/registryConfig.js';
import { RunCancelledError } from '../../../src/platform/errors/failureKinds.js';
import { RunStore } from '../../../src/domain/runs/runStore.js';
import type { RunRecord } from '../../../src/domain/runs/runRecords.js';
import { finishedRun } from '../../support/runFixtures.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';
import { uniqueName } from '../../support/testStorage.js';

const owner = { id: 'researcher-1', name: 'owner', roles: ['Researcher'] };
const otherResearcher = { id: 'researcher-2', name: 'other', roles: ['Researcher'] };
const approver = { id: 'approver-1', name: 'approver', roles: ['ModelApprover'] };

/** Real storage and audit chain; the durable client's terminate is the one part recorded, as functions/ passes it. */
async function setup(terminateFails = false) {
  const storage = await storageClientsFor('cancel');
  const audit = new AuditTrail(storage, new SettingAuditKey('a-test-key-that-is-long-enough-for-hmac-sha256'));
  const terminated: string[] = [];
  const services: CancelServices = {
    storage,
    audit,
    terminate: (instanceId, reason) => {
      terminated.push(`${instanceId}: ${reason}`);
      return terminateFails ? Promise.reject(new Error('Instance store unavailable')) : Promise.resolve();
    },
    now: () => new Date('2026-03-01T10:00:00.000Z'),
  };
  const store = new RunStore(storage);
  const create = async (overrides: Partial<RunRecord>): Promise<RunRecord> =>
    store.create(finishedRun({ experiment: uniqueName('exp-'), status: 'running', ...overrides }));
  const cancellations = async () =>
    (await audit.list({ action: 'run-cancelled' }, 100, undefined)).items.map((entry) => [entry.actor, entry.target]);
  return { storage, services, store, terminated, create, cancellations };
}

async function problemOf(promise: Promise<unknown>): Promise<HttpProblem> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('no problem was raised');
}

describe('cancelling a run', () => {
  it('records who and when, audits once, terminates the instance, and answers the same run again', async () => {
    const { services, store, terminated, create, cancellations } = await setup();
    const run = await create({ progress: { epoch: 3, epochs: 200 } });
    const first = await cancelRun(services, run.runId, owner);
    expect(first).toMatchObject({
      changed: true,
      terminateError: undefined,
      run: {
        status: 'cancelled',
        finishedAt: '2026-03-01T10:00:00.000Z',
        cancellation: { by: 'researcher-1', at: '2026-03-01T10:00:00.000Z' },
        progress: { epoch: 3, epochs: 200 },
      },
    });
    expect(await store.get(run.runId)).toEqual(first.run);
    const again = await cancelRun(services, run.runId, approver);
    expect(again).toMatchObject({ changed: false, run: first.run });
    expect(await cancellations()).toEqual([['researcher-1', `runs/${run.runId}`]]);
    expect(terminated).toEqual([`${run.runId}: cancelled by researcher-1`, `${run.runId}: cancelled by approver-1`]);
  });

  it('lets a ModelApprover cancel any run and a Researcher only their own', async () => {
    const { services, create } = await setup();
    const run = await create({ status: 'queued' });
    expect((await problemOf(cancelRun(services, run.runId, otherResearcher))).kind).toBe('forbidden');
    expect((await cancelRun(services, run.runId, approver)).run.cancellation?.by).toBe('approver-1');
    expect((await problemOf(cancelRun(services, 'r0000000000000ffffffff', approver))).kind).toBe('not-found');
  });

  it('refuses a run that has finished with 409 and leaves it as it was', async () => {
    const { services, store, create, terminated } = await setup();
    for (const status of ['succeeded', 'failed'] as const) {
      const run = await create({ status });
      const problem = await problemOf(cancelRun(services, run.runId, owner));
      expect(problem.kind).toBe('conflict');
      expect(problem.extensions).toEqual({ runStatus: status });
      expect((await store.get(run.runId))?.status).toBe(status);
    }
    expect(terminated).toEqual([]);
  });

  it('keeps the run cancelled when terminating fails, and leaves continuous-training runs to stop themselves', async () => {
    const failing = await setup(true);
    const run = await failing.create({});
    const outcome = await cancelRun(failing.services, run.runId, owner);
    expect(outcome).toMatchObject({ terminateError: 'Instance store unavailable', run: { status: 'cancelled' } });

    const { services, create, terminated } = await setup();
    const automatic = await create({
      createdBy: 'system:continuous-training',
      continuousTraining: {
        snapshotHash: 'h',
        windowSets: 3,
        metric: 'test_auc',
        margin: 0,
        report: '/api/runs/x/report',
        verdict: null,
      },
    });
    expect((await cancelRun(services, automatic.runId, approver)).run.status).toBe('cancelled');
    expect(terminated).toEqual([]);
  });

  it('stops the training steps of a cancelled run and keeps it cancelled', async () => {
    const { storage, services, store, create } = await setup();
    const activities = new TrainingActivities({
      storage,
      registry: new ModelRegistry(storage, parseRegistryConfig({})),
      audit: services.audit,
    });
    const run = await create({ status: 'queued', createdBy: owner.id });
    await cancelRun(services, run.runId, owner);
    await expect(activities.prepareRun(run.runId)).rejects.toBeInstanceOf(RunCancelledError);
    await expect(activities.completeRun(run.runId, '1.0.0')).rejects.toBeInstanceOf(RunCancelledError);
    await activities.failRun(run.runId, 'a late failure');
    expect(await store.get(run.runId)).toMatchObject({ status: 'cancelled', error: null, modelVersion: null });
  });
});
