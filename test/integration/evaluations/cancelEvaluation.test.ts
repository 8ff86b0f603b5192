import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/domain/audit/auditTrail.js';
import { SettingAuditKey } from '../../../src/domain/audit/auditKey.js';
import { HttpProblem } from '../../../src/platform/http/httpProblem.js';
import type { CancelServices } from '../../../src/domain/runs/cancelRun.js';
import { cancelEvaluation } from '../../../src/domain/evaluations/cancelEvaluation.js';
import { EvaluationStore } from '../../../src/domain/evaluations/evaluationStore.js';
import { foldRunId, newEvaluationId } from '../../../src/domain/evaluations/evaluationIds.js';
import type { EvaluationRecord } from '../../../src/domain/evaluations/evaluationRecords.js';
import { RunStore } from '../../../src/domain/runs/runStore.js';
import { finishedRun } from '../../support/runFixtures.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';

const owner = { id: 'researcher-1', name: 'owner', roles: ['Researcher'] };
const otherResearcher = { id: 'researcher-2', name: 'other', roles: ['Researcher'] };

/** An evaluation of three folds whose runs are succeeded, running and queued; real storage and audit chain. */
async function setup() {
  const storage = await storageClientsFor('evalcancel');
  const audit = new AuditTrail(storage, new SettingAuditKey('a-test-key-that-is-long-enough-for-hmac-sha256'));
  const terminated: string[] = [];
  const services: CancelServices = {
    storage,
    audit,
    terminate: (instanceId) => {
      terminated.push(instanceId);
      return Promise.resolve();
    },
  };
  const created = new Date('2026-12-04T10:00:00Z');
  const evaluationId = newEvaluationId(created);
  const statuses = ['succeeded', 'running', 'queued'] as const;
  const runIds = statuses.map((_, fold) => foldRunId(evaluationId, created, 0, fold));
  const record: EvaluationRecord = {
    evaluationId,
    experiment: 'default',
    model: 'stress-cnn',
    scheme: 'loso',
    k: null,
    subjects: ['S2', 'S3', 'S4'],
    configurations: [{ index: 0, params: { epochs: 1 } }],
    parallelism: 1,
    status: 'running',
    createdBy: owner.id,
    createdAt: created.toISOString(),
    startedAt: created.toISOString(),
    finishedAt: null,
    folds: runIds.map((runId, fold) => ({
      configuration: 0,
      fold,
      runId,
      testSubjects: [`S${fold + 2}`],
      validationSubjects: [],
    })),
    progress: { finished: 1, total: 3 },
    aggregates: [],
    comparisons: [],
    error: null,
  };
  await new EvaluationStore(storage).create(record);
  const runs = new RunStore(storage);
  for (const [fold, status] of statuses.entries()) {
    await runs.create(
      finishedRun({
        experiment: 'default',
        runId: runIds[fold] ?? '',
        status,
        createdBy: owner.id,
        evaluation: { evaluationId, configuration: 0, fold },
      }),
    );
  }
  return { storage, services, audit, evaluationId, runIds, runs, terminated };
}

describe('cancelling an evaluation', () => {
  it('records it cancelled, cancels the unfinished fold runs without terminating sub-orchestrations, and is idempotent', async () => {
    const { services, audit, evaluationId, runIds, runs, terminated } = await setup();
    const outcome = await cancelEvaluation(services, evaluationId, owner);
    expect(outcome.changed).toBe(true);
    expect(outcome.evaluation).toMatchObject({ status: 'cancelled', cancellation: { by: owner.id } });
    expect(outcome.cancelledRuns).toEqual(runIds.slice(1));
    expect((await runs.require(runIds[0] ?? '')).status).toBe('succeeded');
    expect((await runs.require(runIds[1] ?? '')).status).toBe('cancelled');
    expect((await runs.require(runIds[2] ?? '')).status).toBe('cancelled');
    expect(terminated).toEqual([]);
    const audited = (await audit.list({ action: 'run-cancelled' }, 100, undefined)).items.map((entry) => entry.target);
    expect(audited.sort()).toEqual(
      runIds
        .slice(1)
        .map((runId) => `runs/${runId}`)
        .sort(),
    );

    const again = await cancelEvaluation(services, evaluationId, owner);
    expect(again).toMatchObject({ changed: false, cancelledRuns: [] });
  });

  it('refuses another researcher (403), an unknown evaluation (404) and a finished one (409)', async () => {
    const { services, storage, evaluationId } = await setup();
    const kindOf = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return 'none';
      } catch (error: unknown) {
        return error instanceof HttpProblem ? error.kind : 'other';
      }
    };
    expect(await kindOf(cancelEvaluation(services, evaluationId, otherResearcher))).toBe('forbidden');
    expect(await kindOf(cancelEvaluation(services, newEvaluationId(new Date()), owner))).toBe('not-found');
    await new EvaluationStore(storage).update(evaluationId, (current) => ({ ...current, status: 'succeeded' }));
    expect(await kindOf(cancelEvaluation(services, evaluationId, owner))).toBe('conflict');
  });
});
