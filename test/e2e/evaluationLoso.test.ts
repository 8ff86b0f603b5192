import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../devhost/embeddedAzurite.js';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import type { EvaluationView } from '../../src/domain/evaluations/evaluationView.js';
import { runPaths } from '../../src/domain/runs/checkpointStore.js';
import { naturalCompare } from '../../src/platform/naturalOrder.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost, uploadSubjects } from '../support/productHost.js';
import { containerOf, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';
import { launchChromium } from '../support/headlessChromium.js';

const running: HostProcess[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((host) => host.kill('SIGKILL')));
});

async function startHost(hostId: string, port: number): Promise<HostProcess> {
  // After the kill, the work items that were in flight are redelivered this soon.
  const host = await startProductHost('evaluation', { DEVHOST_DURABLE_VISIBILITY_SECONDS: '4' }, hostId, port);
  running.push(host);
  return host;
}

async function getJson<T>(origin: string, path: string, token: string = devTokens.researcher): Promise<T> {
  const response = await fetch(`${origin}/api${path}`, { headers: bearer(token) });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Sample mean and standard deviation, computed here independently of the app. */
function meanAndStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

/** Every audit entry of an action since a time, all pages. */
async function auditEntries(origin: string, action: string, from: string): Promise<{ target: string }[]> {
  const entries: { target: string }[] = [];
  let path: string | null = `/audit?action=${action}&from=${encodeURIComponent(from)}&pageSize=1000`;
  while (path !== null) {
    const page: { items: { target: string }[]; next: string | null } = await getJson(
      origin,
      path,
      devTokens.compliance,
    );
    entries.push(...page.items);
    path = page.next === null ? null : page.next.slice(page.next.indexOf('/api') + 4);
  }
  return entries;
}

describe('a leave-one-subject-out evaluation through the public API, with the host killed mid-way', () => {
  it('trains every fold exactly once, aggregates what the fold runs recorded, and renders its report', async () => {
    const startedAt = new Date().toISOString();
    const hostId = uniqueName('evaluation-');
    const port = await freePort();
    let host = await startHost(hostId, port);
    const subjects = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];
    await uploadSubjects(subjects, 300, 21);

    const started = await fetch(`${host.origin}/api/evaluations`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
      body: JSON.stringify({
        model: uniqueName('loso-cnn-'),
        scheme: 'loso',
        subjects,
        params: { epochs: 2, seed: 9 },
        parallelism: 2,
      }),
    });
    expect(started.status).toBe(202);
    const { evaluationId } = (await started.json()) as { evaluationId: string };
    expect(started.headers.get('location')).toBe(`${host.origin}/api/evaluations/${evaluationId}`);
    const evaluation = (): Promise<EvaluationView> => getJson(host.origin, `/evaluations/${evaluationId}`);

    // Kill the host once a fold has finished and others have not.
    const midway = await eventually(
      async () => {
        const current = await evaluation();
        if (current.status === 'failed') throw new Error(`evaluation failed: ${current.error ?? ''}`);
        return current.progress.finished >= 1 ? current : undefined;
      },
      300_000,
      'the first fold to finish',
    );
    await host.kill('SIGKILL');
    expect(midway.progress.finished).toBeLessThan(4);
    const finishedBefore = midway.folds.filter((fold) => fold.status === 'succeeded');
    expect(finishedBefore.length).toBeGreaterThanOrEqual(1);
    const models = containerOf('models');
    const checkpointEtags = new Map<string, string | undefined>();
    for (const fold of finishedBefore) {
      const properties = await models.getBlobClient(runPaths.checkpoint(fold.runId, 1)).getProperties();
      checkpointEtags.set(fold.runId, properties.etag);
    }

    host = await startHost(hostId, port);
    const finished = await eventually(
      async () => {
        const current = await evaluation();
        if (current.status === 'failed') throw new Error(`evaluation failed: ${current.error ?? ''}`);
        return current.status === 'succeeded' ? current : undefined;
      },
      600_000,
      'the evaluation to finish after the restart',
    );

    // One fold per subject, in natural order, each tested on its subject alone.
    const ordered = [...subjects].sort(naturalCompare);
    expect(finished.folds.map((fold) => fold.testSubjects)).toEqual(ordered.map((subject) => [subject]));
    expect(finished.progress).toEqual({ finished: 4, total: 4 });
    expect(new Set(finished.folds.map((fold) => fold.runId)).size).toBe(4);

    // Every fold exactly once: each run trained its two epochs once and finished once.
    const runs: RunRecord[] = [];
    for (const fold of finished.folds) {
      const run = await getJson<RunRecord>(host.origin, `/runs/${fold.runId}`);
      expect(run.status).toBe('succeeded');
      expect(run.evaluation).toEqual({ evaluationId, configuration: 0, fold: fold.fold });
      expect(run.testSubjects).toEqual(fold.testSubjects);
      expect(run.trainSubjects).toEqual(ordered.filter((subject) => !fold.testSubjects.includes(subject)));
      const history = await getJson<{ epochs: { epoch: number }[] }>(host.origin, `/runs/${fold.runId}/metrics`);
      expect(history.epochs.map((epoch) => epoch.epoch)).toEqual([1, 2]);
      runs.push(run);
    }
    const finishedAudits = await auditEntries(host.origin, 'run-finished', startedAt);
    for (const run of runs) {
      expect(finishedAudits.filter((entry) => entry.target === `runs/${run.runId}`)).toHaveLength(1);
    }
    // The folds that had finished before the kill were not trained again.
    for (const [runId, etag] of checkpointEtags) {
      const properties = await models.getBlobClient(runPaths.checkpoint(runId, 1)).getProperties();
      expect(properties.etag).toBe(etag);
    }

    // The aggregates are a recomputation from the fold runs' own records.
    for (const metric of ['test_auc', 'test_accuracy', 'test_f1_macro', 'test_balanced_accuracy'] as const) {
      const values = runs.map((run) => {
        const value = run.metrics[metric];
        if (value === undefined) throw new Error(`run ${run.runId} has no ${metric}`);
        return value;
      });
      const expected = meanAndStd(values);
      expect(finished.aggregate?.[metric]?.mean).toBeCloseTo(expected.mean, 12);
      expect(finished.aggregate?.[metric]?.std).toBeCloseTo(expected.std, 12);
      expect(finished.aggregate?.[metric]?.n).toBe(4);
      expect(finished.folds.map((fold) => fold.metrics[metric])).toEqual(values);
    }
    const evaluationAudits = await auditEntries(host.origin, 'evaluation-started', startedAt);
    expect(evaluationAudits.filter((entry) => entry.target === `evaluations/${evaluationId}`)).toHaveLength(1);

    // The report, in Chromium: the scheme stated, the published baseline beside ours, a bar per subject.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ extraHTTPHeaders: bearer(devTokens.researcher) });
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const response = await page.goto(`${host.origin}/api/evaluations/${evaluationId}/report`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h2').allTextContents()).toEqual([
        'Summary',
        'Configurations',
        'Against the published baseline',
        'Per subject',
        'Folds',
      ]);
      expect(await page.getByText('leave-one-subject-out over 4 subjects').count()).toBe(1);
      expect(await page.getByText('84.11').count()).toBe(1);
      const bars = page.locator('svg rect.bar');
      expect(await bars.count()).toBe(4);
      const barSubjects: (string | null)[] = [];
      for (let index = 0; index < 4; index++) barSubjects.push(await bars.nth(index).getAttribute('data-subject'));
      expect(barSubjects).toEqual(ordered);
      const box = await page.locator('svg').first().boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(requested).toEqual([`${host.origin}/api/evaluations/${evaluationId}/report`]);
    } finally {
      await browser.close();
    }
  }, 900_000);
});
