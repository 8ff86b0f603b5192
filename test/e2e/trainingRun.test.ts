import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../support/headlessChromium.js';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost, uploadSubjects } from '../support/productHost.js';
import { uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';
import { syntheticSubject } from '../../src/domain/wesad/synthetic/syntheticSubject.js';
import { e4Zip } from '../../src/domain/wesad/synthetic/e4Export.js';
import { buildCommit } from '../../src/platform/appVersion.js';
import { projectRoot } from '../support/projectPaths.js';

let host: HostProcess;
let finishedRunId: string | undefined;
const subjects = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];

beforeAll(async () => {
  host = await startProductHost('training');
  await uploadSubjects(subjects, 300, 1);
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

async function getRun(runId: string): Promise<RunRecord> {
  return (await (
    await fetch(`${host.origin}/api/runs/${runId}`, { headers: bearer(devTokens.researcher) })
  ).json()) as RunRecord;
}

describe('a training run on the durable orchestration', () => {
  it('trains, evaluates on held-out subjects, records the run and registers a version', async () => {
    const model = uniqueName('e2e-cnn-');
    const response = await fetch(`${host.origin}/api/runs`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
      body: JSON.stringify({
        experiment: uniqueName('exp-'),
        model,
        params: { epochs: 2, batch_size: 32, seed: 3 },
        subjects,
        validationSubjects: [subjects[2]],
        testSubjects: [subjects[3]],
      }),
    });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    finishedRunId = runId;

    const run = await eventually(
      async () => {
        const current = await getRun(runId);
        if (current.status === 'failed') throw new Error(`run failed: ${current.error ?? ''}`);
        return current.status === 'succeeded' ? current : undefined;
      },
      240_000,
      'the run to finish',
    );
    expect(run).toMatchObject({
      validationSubjects: [subjects[2]],
      testSubjects: [subjects[3]],
      backend: 'embedded',
      modelName: model,
      modelVersion: '1.0.0',
      progress: { epoch: 2, epochs: 2 },
    });
    // The split orders subjects numerically (S2 before S10); compare as sets.
    expect([...run.trainSubjects].sort()).toEqual([subjects[0], subjects[1]].sort());
    expect(run.metrics.test_accuracy).toBeGreaterThanOrEqual(0);
    // Recorded from the build (dist/build-info.json), not looked up in a .git at run time.
    expect(run.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(run.gitCommit).toBe(buildCommit(projectRoot));
    expect(run.datasetSnapshot?.windowSets.map((set) => set.subject).sort()).toEqual([...subjects].sort());

    const history = (await (
      await fetch(`${host.origin}/api/runs/${runId}/metrics`, { headers: bearer(devTokens.researcher) })
    ).json()) as {
      epochs: { epoch: number; train: { loss: number }; validation: { loss: number } }[];
    };
    expect(history.epochs.map((epoch) => epoch.epoch)).toEqual([1, 2]);

    const version = (await (
      await fetch(`${host.origin}/api/models/${model}/versions/1.0.0`, { headers: bearer(devTokens.researcher) })
    ).json()) as { runId: string; artifactSha256: string; datasetSnapshot: string };
    expect(version).toMatchObject({ runId, datasetSnapshot: run.datasetSnapshot?.hash });
    const artifact = await fetch(`${host.origin}/api/models/${model}/versions/1.0.0/artifact`, {
      headers: bearer(devTokens.researcher),
    });
    const bytes = Buffer.from(await artifact.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(version.artifactSha256);

    // The model in a stage predicts on an E4 export, window by window, with timestamps.
    const assigned = await fetch(`${host.origin}/api/models/${model}/stages/staging`, {
      method: 'PUT',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
      body: JSON.stringify({ version: '1.0.0', reason: 'try it on a recording' }),
    });
    expect(assigned.status).toBe(200);
    const recording = e4Zip(syntheticSubject({ subject: 'S77', seconds: 120, seed: 4 }));
    const prediction = await fetch(`${host.origin}/api/models/${model}/stages/staging/predict`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/zip' },
      body: recording,
    });
    expect(prediction.status).toBe(200);
    const result = (await prediction.json()) as {
      version: string;
      windows: { startUnixSeconds: number; stressProbability: number }[];
      summary: { windows: number };
    };
    expect(result.version).toBe('1.0.0');
    expect(result.summary.windows).toBeGreaterThan(10);
    expect(result.windows.every((row) => row.stressProbability >= 0 && row.stressProbability <= 1)).toBe(true);
    expect(result.windows[1]?.startUnixSeconds).toBe((result.windows[0]?.startUnixSeconds ?? 0) + 2);

    const notZip = await fetch(`${host.origin}/api/models/${model}/stages/staging/predict`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/zip' },
      body: 'not a zip',
    });
    expect(notZip.status).toBe(422);
  });

  it('renders the run report in a browser: curves, ROC, confusion matrix, per-subject results, lineage', async () => {
    if (finishedRunId === undefined) throw new Error('the training test did not produce a run');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ extraHTTPHeaders: bearer(devTokens.researcher) });
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const response = await page.goto(`${host.origin}/api/runs/${finishedRunId}/report`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h2').allTextContents()).toEqual([
        'Summary',
        'Held-out metrics',
        'Learning curves',
        'Test subjects',
        'Params',
        'Data lineage',
      ]);
      expect(await page.locator('svg polyline.series').count()).toBeGreaterThanOrEqual(4);
      expect(await page.locator('svg polyline.roc').count()).toBe(1);
      expect(await page.locator('table.confusion td').allTextContents()).toHaveLength(4);
      expect(await page.getByText(subjects[3] ?? '').count()).toBeGreaterThan(0);
      const box = await page.locator('svg').first().boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      await page.screenshot({ path: path.join(tmpdir(), 'wesad-run-report.png'), fullPage: true });
      // Self-contained: the page loaded nothing but itself.
      expect(requested).toEqual([`${host.origin}/api/runs/${finishedRunId}/report`]);
    } finally {
      await browser.close();
    }
  });

  it('refuses params outside the schema and callers without the Researcher role', async () => {
    const bad = await fetch(`${host.origin}/api/runs`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
      body: JSON.stringify({ params: { learning_rate: -1 } }),
    });
    expect(bad.status).toBe(422);
    const approver = await fetch(`${host.origin}/api/runs`, {
      method: 'POST',
      headers: { ...bearer(devTokens.approver), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(approver.status).toBe(403);
  });
});
