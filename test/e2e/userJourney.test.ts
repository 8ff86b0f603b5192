import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { containerOf, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { syntheticPickle, uniqueSubjectId } from '../support/syntheticUploads.js';
import { syntheticSubject } from '../../src/domain/wesad/synthetic/syntheticSubject.js';
import { e4Zip } from '../../src/domain/wesad/synthetic/e4Export.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('journey');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

/** Calls the API as a caller; the body is whatever JSON came back (null for none). */
async function api(
  method: string,
  route: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${host.origin}/api/${route}`, {
    method,
    headers: { ...bearer(token), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

interface Run {
  runId: string;
  status: string;
  error: string | null;
  modelVersion: string | null;
  metrics: Record<string, number>;
}

/** The researcher's and the approver's whole path, through the Blob API and the HTTP API only. */
describe('the user journey', () => {
  it('goes from uploads to a production model that predicts, under the gates', async () => {
    // 1. Upload recordings with the Blob API and wait until their window sets are ready.
    const subjects = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];
    const raw = containerOf('wesad-raw');
    await raw.createIfNotExists();
    for (const [index, subject] of subjects.entries()) {
      await raw.getBlockBlobClient(`${subject}/${subject}.pkl`).uploadData(syntheticPickle(subject, 300, 40 + index));
    }
    for (const subject of subjects) {
      await eventually(
        async () => {
          const page = (await api('GET', `datasets?subject=${subject}`, devTokens.researcher)) as {
            body: { items: unknown[] };
          };
          return page.body.items.length > 0 ? true : undefined;
        },
        60_000,
        `the window set of ${subject}`,
      );
    }

    // 2. Two runs with different params; each registers a version of the same model.
    const model = uniqueName('journey-cnn-');
    const startRun = async (learningRate: number): Promise<Run> => {
      const started = (await api('POST', 'runs', devTokens.researcher, {
        experiment: uniqueName('journey-'),
        model,
        params: { epochs: 2, learning_rate: learningRate, seed: 8 },
        subjects,
        testSubjects: [subjects[3]],
      })) as { status: number; body: { runId: string } };
      expect(started.status).toBe(202);
      return eventually(
        async () => {
          const run = (await api('GET', `runs/${started.body.runId}`, devTokens.researcher)).body as Run;
          if (run.status === 'failed') throw new Error(`run failed: ${run.error ?? ''}`);
          return run.status === 'succeeded' ? run : undefined;
        },
        240_000,
        'the run to succeed',
      );
    };
    const first = await startRun(0.001);
    const second = await startRun(0.003);
    expect([first.modelVersion, second.modelVersion].sort()).toEqual(['1.0.0', '1.1.0']);

    // 3. Compare them.
    const comparison = (await api('GET', `runs/compare?ids=${first.runId},${second.runId}`, devTokens.researcher)) as {
      body: { params: Record<string, { differs: boolean }> };
    };
    expect(comparison.body.params.learning_rate?.differs).toBe(true);

    // 4. The approver's gate: production needs test_auc at least a threshold set, for this test,
    //    just above the weaker version, so one version is refused and the other may pass.
    const [weaker, stronger] = [first, second].sort((a, b) => (a.metrics.test_auc ?? 0) - (b.metrics.test_auc ?? 0));
    if (weaker === undefined || stronger === undefined) throw new Error('two runs expected');
    expect(stronger.metrics.test_auc).toBeGreaterThan(weaker.metrics.test_auc ?? 0);
    const threshold = (weaker.metrics.test_auc ?? 0) + 1e-6;
    const trainingLogs = host.output();
    await host.kill('SIGTERM');
    host = await startProductHost('journey-gated', {
      REGISTRY_GATES: JSON.stringify({
        production: { minimumMetrics: { test_auc: threshold }, distinctApprover: true, roles: ['ModelApprover'] },
      }),
    });
    const stage = (version: string | null, token: string, stageName: string) =>
      api('PUT', `models/${model}/stages/${stageName}`, token, {
        version,
        reason: `to ${stageName}`,
      });
    expect((await stage(stronger.modelVersion, devTokens.researcher, 'staging')).status).toBe(200);
    const refused = await stage(weaker.modelVersion, devTokens.approver, 'production');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'urn:wesad-mlops:problem:gate-refused' });
    expect((await stage(stronger.modelVersion, devTokens.researcher, 'production')).status).toBe(403);
    expect((await stage(stronger.modelVersion, devTokens.approver, 'production')).status).toBe(200);

    // 5. Download the model in that stage and check its sha256; predict on an E4 export with it.
    const download = await fetch(`${host.origin}/api/models/${model}/stages/production/artifact`, {
      headers: bearer(devTokens.researcher),
    });
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(download.headers.get('x-artifact-sha256'));
    const prediction = await fetch(`${host.origin}/api/models/${model}/stages/production/predict`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/zip' },
      body: e4Zip(syntheticSubject({ subject: 'S70', seconds: 90, seed: 2 })),
    });
    expect(prediction.status).toBe(200);
    expect(((await prediction.json()) as { summary: { windows: number } }).summary.windows).toBeGreaterThan(0);

    // 6. Nothing secret or personal reached the host's logs: no token, key or run of signal values.
    const logs = trainingLogs + host.output();
    for (const secret of [...Object.values(devTokens), 'local-development-audit-key-not-for-azure-0001']) {
      expect(logs).not.toContain(secret);
    }
    expect(logs).not.toMatch(/AccountKey=|Bearer\s|x-ms-client-principal/i);
    expect(logs).not.toMatch(/(-?\d+\.\d{3,}[,\s]+){8,}/);

    // 7. The audit chain holds after the whole path.
    const verification = await fetch(`${host.origin}/api/audit/verify`, { headers: bearer(devTokens.compliance) });
    expect(await verification.json()).toMatchObject({ valid: true });

    // 8. The registry's history tells who did what.
    const events = (await api('GET', `models/${model}/events`, devTokens.compliance)) as {
      body: { items: { action: string; actor: string }[] };
    };
    expect(events.body.items.filter((event) => event.action === 'version-registered')).toHaveLength(2);
    expect(events.body.items.some((event) => event.action === 'stage-assigned' && event.actor === 'researcher-1')).toBe(
      true,
    );
  });
});
