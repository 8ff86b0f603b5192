import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import type { EvaluationView } from '../../src/domain/evaluations/evaluationView.js';
import type { ModelVersion } from '../../src/domain/registry/registryRecords.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost, uploadSubjects } from '../support/productHost.js';
import { uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';
import { syntheticSubject } from '../../src/domain/wesad/synthetic/syntheticSubject.js';
import { e4Zip } from '../../src/domain/wesad/synthetic/e4Export.js';

let host: HostProcess;
const subjects = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];

beforeAll(async () => {
  host = await startProductHost('families');
  await uploadSubjects(subjects, 300, 31);
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${host.origin}/api${path}`, { headers: bearer(devTokens.researcher) });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('the CNN and the feature baseline on the same folds', () => {
  it('sweeps the family, registers each fold with its family, and predicts with the feature baseline', async () => {
    const model = uniqueName('families-');
    const started = await fetch(`${host.origin}/api/evaluations`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
      body: JSON.stringify({
        model,
        scheme: 'loso',
        subjects,
        params: { epochs: 1, seed: 4, rounds: 30 },
        grid: { family: ['cnn', 'feature-trees'] },
        parallelism: 2,
      }),
    });
    expect(started.status).toBe(202);
    const { evaluationId } = (await started.json()) as { evaluationId: string };
    const finished = await eventually(
      async () => {
        const current = await getJson<EvaluationView>(`/evaluations/${evaluationId}`);
        if (current.status === 'failed') throw new Error(`evaluation failed: ${JSON.stringify(current.folds)}`);
        return current.status === 'succeeded' ? current : undefined;
      },
      400_000,
      'the evaluation to finish',
    );
    expect(finished.configurations.map((configuration) => configuration.params.family)).toEqual([
      'cnn',
      'feature-trees',
    ]);
    expect(finished.folds).toHaveLength(6);
    expect(finished.aggregates.map((aggregate) => aggregate.succeededFolds)).toEqual([3, 3]);
    expect(finished.comparisons).toHaveLength(1);
    expect(finished.comparisons[0]?.test.n).toBeLessThanOrEqual(3);

    // Each fold is a run whose registered version carries its family.
    let treesVersion: string | undefined;
    for (const fold of finished.folds) {
      const run = await getJson<RunRecord>(`/runs/${fold.runId}`);
      const family = fold.configuration === 0 ? 'cnn' : 'feature-trees';
      expect(run.params.family).toBe(family);
      expect(run.progress).toEqual({ epoch: 1, epochs: 1 });
      const version = await getJson<ModelVersion>(`/models/${model}/versions/${run.modelVersion ?? ''}`);
      expect(version.family).toBe(family);
      if (family === 'feature-trees') treesVersion = version.version;
    }

    // Predict works for the feature baseline too.
    const staged = await fetch(`${host.origin}/api/models/${model}/stages/staging`, {
      method: 'PUT',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
      body: JSON.stringify({ version: treesVersion, reason: 'the feature baseline' }),
    });
    expect(staged.status).toBe(200);
    const prediction = await fetch(`${host.origin}/api/models/${model}/stages/staging/predict`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/zip' },
      body: e4Zip(syntheticSubject({ subject: 'S71', seconds: 90, seed: 3 })),
    });
    expect(prediction.status).toBe(200);
    const predicted = (await prediction.json()) as {
      summary: { windows: number; excludedWindows: number };
      windows: { stressProbability: number | null }[];
    };
    expect(predicted.summary.windows).toBeGreaterThan(0);
    const probabilities = predicted.windows.flatMap((window) =>
      window.stressProbability === null ? [] : [window.stressProbability],
    );
    expect(probabilities.length).toBe(predicted.summary.windows - predicted.summary.excludedWindows);
    expect(probabilities.length).toBeGreaterThan(0);
    expect(probabilities.every((probability) => probability >= 0 && probability <= 1)).toBe(true);

    // The report sets both families beside the published baseline.
    const report = await fetch(`${host.origin}/api/evaluations/${evaluationId}/report`, {
      headers: bearer(devTokens.researcher),
    });
    const html = await report.text();
    expect(html).toContain('This evaluation, configuration 0');
    expect(html).toContain('This evaluation, configuration 1');
    expect(html).toContain('feature-trees');
    expect(html).toContain('84.11');
    expect(html).toMatch(/Wilcoxon p = /);

    // Registering from the evaluation: its best configuration trains, and the version keeps the evaluation.
    const registered = await fetch(`${host.origin}/api/evaluations/${evaluationId}/register`, {
      method: 'POST',
      headers: bearer(devTokens.researcher),
    });
    expect(registered.status).toBe(202);
    const { runId } = (await registered.json()) as { runId: string };
    const run = await eventually(
      async () => {
        const current = await getJson<RunRecord>(`/runs/${runId}`);
        if (current.status === 'failed') throw new Error(`run failed: ${current.error ?? ''}`);
        return current.status === 'succeeded' ? current : undefined;
      },
      200_000,
      'the registered run to finish',
    );
    const best = finished.aggregates.find((aggregate) => aggregate.rank === 1);
    const bestFamily = best?.configuration === 0 ? 'cnn' : 'feature-trees';
    expect(run.params.family).toBe(bestFamily);
    expect(run.validationSubjects).toEqual([]);
    expect(run.trainSubjects).toHaveLength(2);
    const justified = await getJson<ModelVersion>(`/models/${model}/versions/${run.modelVersion ?? ''}`);
    expect(justified.family).toBe(bestFamily);
    expect(justified.evaluation).toEqual({
      evaluationId,
      scheme: 'loso',
      configuration: best?.configuration,
      folds: 3,
      means: Object.fromEntries(Object.entries(best?.folds ?? {}).map(([metric, stats]) => [metric, stats.mean])),
    });
  }, 600_000);
});
