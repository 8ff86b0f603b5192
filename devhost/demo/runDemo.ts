import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { BlobServiceClient } from '@azure/storage-blob';
import { freePort, startEmbeddedAzurite } from '../embeddedAzurite.js';
import { startHostProcess } from '../hostProcess.js';
import { describeError } from '../core/describeError.js';

/**
 * `npm run demo`: the whole path on this machine. Starts embedded storage and the local host,
 * uploads generated subjects, waits for ingestion, starts a run, follows it epoch by epoch, and
 * prints the held-out metrics and the registered version.
 */

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const token = 'demo-researcher-token-000001';

const { values } = parseArgs({
  options: {
    subjects: { type: 'string', default: '12' },
    seconds: { type: 'string', default: '1500' },
    epochs: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
  },
});
const subjectCount = Number(values.subjects);
const seconds = Number(values.seconds);
const epochs = Number(values.epochs);
const seed = Number(values.seed);

async function main(): Promise<void> {
  const started = Date.now();
  const step = (text: string): void => {
    console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${text}`);
  };
  step('starting embedded storage (Azurite) and the local Functions host');
  const azurite = await startEmbeddedAzurite();
  const port = await freePort();
  const host = await startHostProcess({
    appRoot,
    port,
    environment: {
      AzureWebJobsStorage: azurite.connectionString,
      DEVHOST_BLOB_POLL_MS: '250',
      DEVHOST_AUTH_TOKENS: JSON.stringify({
        [token]: { id: 'demo-researcher', name: 'demo@example.org', roles: ['Researcher'] },
      }),
    },
  });
  const origin = host.origin;
  try {
    const api = async (method: string, route: string, body?: unknown): Promise<unknown> => {
      const response = await fetch(`${origin}/api/${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} /api/${route} answered ${response.status}: ${text}`);
      return JSON.parse(text) as unknown;
    };

    const subjects = Array.from({ length: subjectCount }, (_, index) => `S${index + 2}`);
    step(`generating and uploading ${subjects.length} synthetic subjects of ${seconds} s to wesad-raw`);
    const raw = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('wesad-raw');
    await raw.createIfNotExists();
    const generated = await mkdtemp(path.join(tmpdir(), 'wesad-demo-'));
    try {
      await generateSubjects(subjects, generated);
      for (const subject of subjects) {
        await raw
          .getBlockBlobClient(`${subject}/${subject}.pkl`)
          .uploadFile(path.join(generated, subject, `${subject}.pkl`));
      }
    } finally {
      await rm(generated, { recursive: true, force: true });
    }

    step('waiting for ingestion into window sets');
    for (;;) {
      const page = (await api('GET', 'uploads?pageSize=1000')) as {
        items: { status: string; blobName: string; reason: string | null }[];
      };
      const failed = page.items.filter((item) => item.status === 'failed');
      if (failed.length > 0)
        throw new Error(
          `ingestion failed: ${failed.map((item) => `${item.blobName}: ${item.reason ?? ''}`).join('; ')}`,
        );
      const ready = page.items.filter((item) => item.status === 'ready').length;
      if (ready === subjects.length) break;
      await delay(500);
    }
    const datasets = (await api('GET', 'datasets?pageSize=1000')) as {
      items: { subject: string; windows: number; perClass: Record<string, number> }[];
    };
    for (const set of datasets.items) {
      step(
        `  ${set.subject}: ${set.windows} windows (stress ${set.perClass['1'] ?? 0}, non-stress ${set.perClass['0'] ?? 0})`,
      );
    }

    const testSubjects = subjects.slice(-2);
    const validationSubjects = subjects.slice(-3, -2);
    step(
      `starting a run: ${epochs} epochs, validation ${validationSubjects.join(', ')}, held-out test ${testSubjects.join(', ')}`,
    );
    const { runId } = (await api('POST', 'runs', {
      experiment: 'demo',
      model: 'stress-cnn-demo',
      params: { epochs, seed },
      validationSubjects,
      testSubjects,
    })) as { runId: string };
    step(`run ${runId} queued`);

    let shown = 0;
    for (;;) {
      const run = (await api('GET', `runs/${runId}`)) as { status: string; error: string | null };
      const history = (await api('GET', `runs/${runId}/metrics`)) as {
        epochs: {
          epoch: number;
          train: Record<string, number>;
          validation: Record<string, number>;
          durationSeconds: number;
        }[];
      };
      for (const epoch of history.epochs.filter((entry) => entry.epoch > shown)) {
        step(
          `  epoch ${epoch.epoch}/${epochs}: loss ${format(epoch.train.loss)} acc ${format(epoch.train.accuracy)} | ` +
            `validation loss ${format(epoch.validation.loss)} AUC ${format(epoch.validation.auc)} (${epoch.durationSeconds.toFixed(1)} s)`,
        );
        shown = epoch.epoch;
      }
      if (run.status === 'failed') throw new Error(`the run failed: ${run.error ?? ''}`);
      if (run.status === 'succeeded') break;
      await delay(1000);
    }

    const run = (await api('GET', `runs/${runId}`)) as {
      metrics: Record<string, number>;
      modelName: string;
      modelVersion: string;
    };
    step('held-out test subjects:');
    for (const name of ['test_auc', 'test_accuracy', 'test_precision', 'test_recall', 'test_f1', 'test_loss']) {
      console.log(`           ${name.padEnd(16)} ${format(run.metrics[name])}`);
    }
    const version = (await api('GET', `models/${run.modelName}/versions/${run.modelVersion}`)) as {
      artifactSha256: string;
      datasetSnapshot: string;
    };
    step(
      `registered ${run.modelName} ${run.modelVersion} (artifact sha256 ${version.artifactSha256.slice(0, 16)}…, snapshot ${version.datasetSnapshot.slice(0, 16)}…)`,
    );
  } finally {
    await host.kill('SIGTERM');
    await azurite.stop();
  }
}

/**
 * Synthetic subjects the way a user makes them, with the built CLI (the demo, like the host, uses
 * the app only as built): DIR/S{n}/S{n}.pkl with the wrist signals only, as uploads carry them.
 */
async function generateSubjects(subjects: string[], directory: string): Promise<void> {
  const cli = path.join(appRoot, 'dist/src/cli/main.js');
  await promisify(execFile)(process.execPath, [
    cli,
    'generate',
    '--out',
    directory,
    '--subjects',
    subjects.join(','),
    '--seconds',
    String(seconds),
    '--seed',
    String(seed),
    '--no-chest',
    '--no-e4',
  ]);
}

function format(value: number | undefined): string {
  return value === undefined ? '   -  ' : value.toFixed(4);
}

main().catch((error: unknown) => {
  console.error(`The demo failed: ${describeError(error)}`);
  process.exit(1);
});
