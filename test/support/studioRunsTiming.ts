import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, startEmbeddedAzurite } from '../../devhost/embeddedAzurite.js';
import { startHostProcess } from '../../devhost/hostProcess.js';
import { createStorageClients, type StorageClients } from '../../src/platform/storage/storageClients.js';
import { RunStore } from '../../src/domain/runs/runStore.js';
import { launchChromium } from './headlessChromium.js';
import { projectRoot } from './projectPaths.js';
import { finishedRun } from './runFixtures.js';

/** studio/views/RunsView.tsx marks this once the first page of runs is in the document. */
const renderedMark = 'studio:runs-rendered';
const token = 'studio-timing-researcher-token-01';

export interface RunsViewTiming {
  storedRuns: number;
  /** Per page load: navigation start to the mark, read from the Chromium trace, in ms. */
  fromTrace: number[];
  /** The same from the page's Performance API, as a cross-check of the trace reading. */
  fromPerformanceApi: number[];
  traceFile: string;
}

interface TraceEvent {
  name: string;
  cat: string;
  ts: number;
}

/**
 * The first render of the studio's runs view with `runCount` runs stored: a fresh Azurite and local
 * host, the runs imported 100 per transaction, then `loads` page loads in Chromium (the first with
 * a cold cache), each traced; the time from navigation start to the User Timing mark the view sets
 * once its first page of rows is in the document.
 */
export async function measureRunsViewFirstRender(runCount: number, loads: number): Promise<RunsViewTiming> {
  const azurite = await startEmbeddedAzurite();
  try {
    const storage = createStorageClients({ kind: 'connectionString', connectionString: azurite.connectionString });
    await seedRuns(storage, runCount);
    const host = await startHostProcess({
      appRoot: projectRoot,
      port: await freePort(),
      environment: {
        AzureWebJobsStorage: azurite.connectionString,
        DEVHOST_AUTH_TOKENS: JSON.stringify({ [token]: { id: 'timing', name: 'timing', roles: ['Researcher'] } }),
        CONTINUOUS_TRAINING_DEFAULT_EXPERIMENT: '',
      },
    });
    const browser = await launchChromium();
    try {
      // A browser whose requests already carry credentials: the studio uses them without asking.
      const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
      const page = await context.newPage();
      const fromTrace: number[] = [];
      const fromPerformanceApi: number[] = [];
      const traceFile = path.join(projectRoot, '.bench', 'studio-runs-trace.json');
      for (let load = 0; load < loads; load++) {
        // From a blank page each time: the same URL again would only be a same-document navigation.
        await page.goto('about:blank');
        await browser.startTracing(page, { categories: ['blink.user_timing', 'devtools.timeline'] });
        await page.goto(`${host.origin}/api/studio/#/runs`);
        await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, renderedMark, {
          timeout: 30_000,
        });
        // Two more frames before stopping, so the renderer has handed the mark's trace event over.
        await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
        const trace = await browser.stopTracing();
        if (load === 0) {
          await mkdir(path.dirname(traceFile), { recursive: true });
          await writeFile(traceFile, trace);
        }
        fromTrace.push(markAfterNavigation(JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }));
        fromPerformanceApi.push(
          await page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN, renderedMark),
        );
        const rows = await page.locator('tbody tr[data-run-id]').count();
        if (rows === 0) throw new Error('The runs view rendered no row.');
      }
      return { storedRuns: runCount, fromTrace, fromPerformanceApi, traceFile };
    } finally {
      await browser.close();
      await host.kill('SIGTERM');
    }
  } finally {
    await azurite.stop();
  }
}

/** Milliseconds from the page's navigationStart to the rendered mark, both User Timing events of the trace. */
function markAfterNavigation(trace: { traceEvents: TraceEvent[] }): number {
  const mark = trace.traceEvents.find((event) => event.name === renderedMark);
  if (mark === undefined) throw new Error(`The trace holds no ${renderedMark} mark.`);
  const starts = trace.traceEvents
    .filter((event) => event.name === 'navigationStart' && event.ts <= mark.ts)
    .map((event) => event.ts);
  if (starts.length === 0) throw new Error('The trace holds no navigationStart before the mark.');
  return (mark.ts - Math.max(...starts)) / 1000;
}

async function seedRuns(storage: StorageClients, runCount: number): Promise<void> {
  const store = new RunStore(storage);
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let batch = 0; batch < Math.ceil(runCount / 100); batch++) {
    const size = Math.min(100, runCount - batch * 100);
    await store.importBatch(
      Array.from({ length: size }, (_, index) => {
        const number = batch * 100 + index;
        return finishedRun(
          {
            // A batch is one experiment's (one transaction); four experiments share the runs.
            experiment: `timing-${batch % 4}`,
            params: { learning_rate: 0.001 * ((number % 10) + 1), epochs: 10, activation: number % 2 ? 'elu' : 'relu' },
            metrics: { test_auc: 0.5 + (number % 500) / 1000, test_accuracy: 0.5 + (number % 300) / 1000 },
          },
          new Date(base + number * 1000),
        );
      }),
    );
  }
}
