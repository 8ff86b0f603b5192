import { BlobServiceClient } from '@azure/storage-blob';
import { freePort, startEmbeddedAzurite } from '../../devhost/embeddedAzurite.js';
import { projectRoot, startHostProcess, type HostProcess } from '../support/hostProcess.js';
import { devTokenSetting, bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { syntheticPickle } from '../support/syntheticUploads.js';
import type { EvaluationView } from '../../src/domain/evaluations/evaluationView.js';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';

/** WESAD's 15 subjects. */
const subjects = ['S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10', 'S11', 'S13', 'S14', 'S15', 'S16', 'S17'];
/** Seconds of synthetic recording per subject, and the CNN's epochs: a small evaluation, the whole path. */
const seconds = 300;
const params = { epochs: 2, seed: 1 };

async function getJson<T>(host: HostProcess, path: string): Promise<T> {
  const response = await fetch(`${host.origin}/api${path}`, { headers: bearer(devTokens.researcher) });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * `npm run bench evaluation`: the wall time of a 15-fold LOSO evaluation (15 synthetic subjects of
 * 5 minutes, the CNN with 2 epochs) through the public API on the local host, at parallelism 1 and
 * 2, with the mean per-fold cost (run start to finish) from which the wall time on more instances
 * is estimated (README).
 */
export async function runEvaluationBench(): Promise<void> {
  const azurite = await startEmbeddedAzurite();
  const host = await startHostProcess({
    appRoot: projectRoot,
    port: await freePort(),
    environment: {
      AzureWebJobsStorage: azurite.connectionString,
      DEVHOST_AUTH_TOKENS: devTokenSetting,
      CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT: '',
    },
  });
  try {
    const raw = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('wesad-raw');
    await raw.createIfNotExists();
    for (const [index, subject] of subjects.entries()) {
      await raw
        .getBlockBlobClient(`${subject}/${subject}.pkl`)
        .uploadData(syntheticPickle(subject, seconds, 100 + index));
    }
    await eventually(
      async () => {
        const page = await getJson<{ items: unknown[] }>(host, '/datasets?kind=labelled&pageSize=100');
        return page.items.length >= subjects.length ? true : undefined;
      },
      300_000,
      'the 15 subjects to be ingested',
    );
    for (const parallelism of [1, 2]) {
      const began = performance.now();
      const started = await fetch(`${host.origin}/api/evaluations`, {
        method: 'POST',
        headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
        body: JSON.stringify({ scheme: 'loso', subjects, params, parallelism, experiment: `bench-p${parallelism}` }),
      });
      if (started.status !== 202)
        throw new Error(`POST /evaluations answered ${started.status}: ${await started.text()}`);
      const { evaluationId } = (await started.json()) as { evaluationId: string };
      const finished = await eventually(
        async () => {
          const current = await getJson<EvaluationView>(host, `/evaluations/${evaluationId}`);
          if (current.status === 'failed') throw new Error(`evaluation failed: ${current.error ?? ''}`);
          return current.status === 'succeeded' ? current : undefined;
        },
        3_600_000,
        'the evaluation to finish',
      );
      const wall = (performance.now() - began) / 1000;
      const foldSeconds: number[] = [];
      for (const fold of finished.folds) {
        const run = await getJson<RunRecord>(host, `/runs/${fold.runId}`);
        if (run.startedAt !== null && run.finishedAt !== null) {
          foldSeconds.push((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000);
        }
      }
      const mean = foldSeconds.reduce((sum, value) => sum + value, 0) / foldSeconds.length;
      const auc = finished.aggregate?.test_auc;
      console.log(
        `evaluation: 15-fold LOSO, parallelism ${parallelism}: ${wall.toFixed(0)} s wall; per fold ${mean.toFixed(1)} s mean ` +
          `(min ${Math.min(...foldSeconds).toFixed(1)}, max ${Math.max(...foldSeconds).toFixed(1)}); ` +
          `test AUC ${auc === undefined ? '—' : `${auc.mean.toFixed(3)} ± ${(auc.std ?? 0).toFixed(3)}`}`,
      );
    }
  } finally {
    await host.kill('SIGTERM');
    await azurite.stop();
  }
}
