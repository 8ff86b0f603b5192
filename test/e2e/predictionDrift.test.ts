import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import type { UploadRecord } from '../../src/domain/datasets/uploadLedger.js';
import type { PredictionDrift } from '../../src/domain/drift/predictionDrift.js';
import type { DriftPoint } from '../../src/domain/drift/driftHistory.js';
import { ModelRegistry } from '../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../src/domain/registry/registryConfig.js';
import { syntheticSubject } from '../../src/domain/wesad/synthetic/syntheticSubject.js';
import { e4Zip } from '../../src/domain/wesad/synthetic/e4Export.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost, uploadSubjects } from '../support/productHost.js';
import { testStorage, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';
import { shiftedE4Zip } from '../support/shiftedRecording.js';

/**
 * Eight training subjects: the drift reference pools people, and the threshold's margin was
 * measured for pools of 8–12 (src/config/driftConfig.ts); with two, one new person can sit many
 * pooled standard deviations from the others on skin temperature alone.
 */
const subjects = Array.from({ length: 10 }, () => uniqueSubjectId());
let host: HostProcess;
let uploads: UploadRecord[];
let model: string;

beforeAll(async () => {
  host = await startProductHost('drift');
  uploads = await uploadSubjects(subjects, 300, 1);
  model = await trainedModel();
}, 400_000);

afterAll(async () => {
  await host.kill('SIGTERM');
});

interface Prediction {
  version: string;
  summary: { windows: number };
  drift: PredictionDrift;
}

async function trainedModel(): Promise<string> {
  const name = uniqueName('drift-cnn-');
  const response = await fetch(`${host.origin}/api/runs`, {
    method: 'POST',
    headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
    body: JSON.stringify({
      experiment: uniqueName('drift-'),
      model: name,
      params: { epochs: 1, seed: 5 },
      subjects,
      validationSubjects: [subjects[8]],
      testSubjects: [subjects[9]],
    }),
  });
  expect(response.status).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  await eventually(
    async () => {
      const run = (await (
        await fetch(`${host.origin}/api/runs/${runId}`, { headers: bearer(devTokens.researcher) })
      ).json()) as RunRecord;
      if (run.status === 'failed') throw new Error(`run failed: ${run.error ?? ''}`);
      return run.status === 'succeeded' ? run : undefined;
    },
    300_000,
    'the run to finish',
  );
  return name;
}

async function assign(model: string, stage: string, version: string): Promise<void> {
  const response = await fetch(`${host.origin}/api/models/${model}/stages/${stage}`, {
    method: 'PUT',
    headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
    body: JSON.stringify({ version, reason: 'watch its inputs' }),
  });
  expect(response.status).toBe(200);
}

async function predict(model: string, stage: string, body: Uint8Array | object): Promise<Prediction> {
  const zip = body instanceof Uint8Array;
  const response = await fetch(`${host.origin}/api/models/${model}/stages/${stage}/predict`, {
    method: 'POST',
    headers: { ...bearer(devTokens.approver), 'content-type': zip ? 'application/zip' : 'application/json' },
    body: zip ? body : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Prediction;
}

function computed(drift: PredictionDrift): Extract<PredictionDrift, { available: true }> {
  if (!drift.available) throw new Error(`no drift scores: ${drift.detail}`);
  return drift;
}

async function driftSeries(path: string, token: string = devTokens.compliance): Promise<Response> {
  return fetch(`${host.origin}/api/${path}`, { headers: bearer(token) });
}

describe('drift on prediction inputs', () => {
  it('flags EDA offset by several training standard deviations, and not the other signals', async () => {
    await assign(model, 'development', '1.0.0');
    const person = syntheticSubject({ subject: 'S77', seconds: 120, seed: 4 });

    // A person the model never saw, recorded as usual: nothing drifts.
    const plain = computed((await predict(model, 'development', e4Zip(person))).drift);
    expect(plain).toMatchObject({ available: true, threshold: 3.5, flagged: false });
    expect(Object.keys(plain.signals).sort()).toEqual(['ACC', 'BVP', 'EDA', 'TEMP']);
    for (const [signal, drift] of Object.entries(plain.signals)) {
      expect(drift.flagged, signal).toBe(false);
      expect(Math.abs(drift.meanShiftInStd ?? Number.NaN), signal).toBeLessThan(3.5);
    }
    const eda = plain.signals.EDA;
    if (eda === undefined) throw new Error('no EDA drift');
    // Raw µS, not z-scores: an offset survives only in the units the wrist measured.
    expect(eda.trainingMean).toBeGreaterThan(0.3);

    // The same person with EDA offset by six training standard deviations.
    const shifted = computed(
      (await predict(model, 'development', shiftedE4Zip(person, 'EDA', 6 * eda.trainingStd))).drift,
    );
    expect(shifted.flagged).toBe(true);
    expect(shifted.signals.EDA?.flagged).toBe(true);
    expect(shifted.signals.EDA?.meanShiftInStd).toBeCloseTo((eda.meanShiftInStd ?? Number.NaN) + 6, 1);
    for (const signal of ['BVP', 'TEMP', 'ACC'] as const) {
      expect(shifted.signals[signal]?.flagged, signal).toBe(false);
      expect(shifted.signals[signal]?.meanShiftInStd, signal).toBeCloseTo(
        plain.signals[signal]?.meanShiftInStd ?? 0,
        6,
      );
    }

    // A stored recording (one of the training subjects' window sets) is scored the same way.
    const training = uploads[0];
    if (training?.subject === null || training?.version === null || training === undefined)
      throw new Error('no window set for the first training subject');
    const stored = computed(
      (await predict(model, 'development', { subject: training.subject, version: training.version })).drift,
    );
    expect(stored.flagged).toBe(false);
    expect(stored.windows).toBeGreaterThan(0);

    // The series keeps all three, newest first, scores only.
    const response = await driftSeries(`models/${model}/versions/1.0.0/drift`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: DriftPoint[]; next: string | null };
    expect(page.items.map((point) => [point.inputKind, point.flagged])).toEqual([
      ['stored', false],
      ['e4-zip', true],
      ['e4-zip', false],
    ]);
    expect(page.items[1]?.signals.EDA).toEqual({
      psi: shifted.signals.EDA?.psi,
      meanShiftInStd: shifted.signals.EDA?.meanShiftInStd,
      flagged: true,
    });
    expect(page.items[2]?.windows).toBe(plain.windows);
    const times = page.items.map((point) => Date.parse(point.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(JSON.stringify(page.items)).not.toContain(training.subject);

    const firstPage = (await (await driftSeries(`models/${model}/versions/1.0.0/drift?pageSize=2`)).json()) as {
      items: DriftPoint[];
      next: string | null;
    };
    expect(firstPage.items).toHaveLength(2);
    if (firstPage.next === null) throw new Error('no next page');
    const rest = (await (await fetch(firstPage.next, { headers: bearer(devTokens.compliance) })).json()) as {
      items: DriftPoint[];
      next: string | null;
    };
    expect(rest.items.map((point) => point.id)).toEqual([page.items[2]?.id]);
    expect(rest.next).toBeNull();

    const absent = await driftSeries(`models/${model}/versions/9.9.9/drift`);
    expect(absent.status).toBe(404);
    expect(absent.headers.get('content-type')).toBe('application/problem+json');
    expect((await fetch(`${host.origin}/api/models/${model}/versions/1.0.0/drift`)).status).toBe(401);
  }, 120_000);

  it('fails closed on values no wrist produces: such windows get no probability, and none at all is a 422', async () => {
    await assign(model, 'development', '1.0.0');
    const person = syntheticSubject({ subject: 'S79', seconds: 90, seed: 9 });
    const headers = { ...bearer(devTokens.approver), 'content-type': 'application/zip' };
    const url = `${host.origin}/api/models/${model}/stages/development/predict`;

    // EDA at 1e300 everywhere: the drift used to come out null and unflagged, the probabilities null.
    const fabricated = { ...person, session: { ...person.session, EDA: person.session.EDA.map(() => 1e300) } };
    const refused = await fetch(url, { method: 'POST', headers, body: e4Zip(fabricated) });
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { reasons: string[]; drift: PredictionDrift };
    // Non-finite after z-scoring, or finite and far outside 0…100 µS: either way, never usable.
    expect(problem.reasons.join(' ')).toMatch(/EDA: \d+ value\(s\) (not finite|outside)/);
    const refusedDrift = computed(problem.drift);
    expect(refusedDrift.flagged).toBe(true);
    expect(refusedDrift.signals.EDA).toMatchObject({ flagged: true, meanShiftInStd: null });
    const series = (await (await driftSeries(`models/${model}/versions/1.0.0/drift?pageSize=1`)).json()) as {
      items: DriftPoint[];
    };
    expect(series.items[0]?.flagged).toBe(true);
    expect(series.items[0]?.signals.EDA?.reasons?.join(' ')).toMatch(/not finite|outside/);

    // Two seconds of EDA above the sensor's 100 µS: those windows are marked, the rest predicted.
    const spiked = Float64Array.from(person.session.EDA, (value, index) => (index >= 160 && index < 168 ? 150 : value));
    const partly = await predict(
      model,
      'development',
      e4Zip({ ...person, session: { ...person.session, EDA: spiked } }),
    );
    const marked = (
      partly as unknown as {
        windows: { startUnixSeconds: number; stressProbability: number | null; excludedBecause: string | null }[];
      }
    ).windows;
    const excluded = marked.filter((window) => window.excludedBecause !== null);
    expect(excluded.length).toBeGreaterThanOrEqual(4);
    expect(excluded.every((window) => window.stressProbability === null)).toBe(true);
    expect(excluded.some((window) => window.excludedBecause?.startsWith('EDA: 8 value(s) outside') === true)).toBe(
      true,
    );
    expect(
      marked
        .filter((window) => window.excludedBecause === null)
        .every((window) => typeof window.stressProbability === 'number'),
    ).toBe(true);
    expect(computed(partly.drift).signals.EDA?.flagged).toBe(true);
  }, 120_000);

  it('answers why there are no scores for a version without a training profile', async () => {
    const trained = (await (
      await fetch(`${host.origin}/api/models/${model}/versions/1.0.0`, { headers: bearer(devTokens.researcher) })
    ).json()) as { artifactPath: string; artifactSha256: string; datasetSnapshot: string };
    // Imported: the same artifact, registered from a run that recorded no input profile.
    const imported = await new ModelRegistry(testStorage(), parseRegistryConfig({})).register(
      {
        model,
        runId: uniqueName('imported-'),
        datasetSnapshot: trained.datasetSnapshot,
        artifactPath: trained.artifactPath,
        artifactSha256: trained.artifactSha256,
        metrics: {},
        runCreatedBy: 'researcher-1',
      },
      { id: 'researcher-1', name: 'researcher@example.org', roles: ['Researcher'] },
    );
    await assign(model, 'staging', imported.version);

    const prediction = await predict(
      model,
      'staging',
      e4Zip(syntheticSubject({ subject: 'S78', seconds: 90, seed: 8 })),
    );
    expect(prediction.version).toBe(imported.version);
    expect(prediction.summary.windows).toBeGreaterThan(0);
    expect(prediction.drift).toMatchObject({ available: false, reason: 'no-input-profile' });
    expect(prediction.drift).not.toHaveProperty('signals');

    const series = (await (await driftSeries(`models/${model}/versions/${imported.version}/drift`)).json()) as {
      items: DriftPoint[];
    };
    expect(series.items).toEqual([]);
  }, 120_000);
});
