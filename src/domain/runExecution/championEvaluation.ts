import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { ModelVersion } from '../registry/registryRecords.js';
import { RunStore } from '../runs/runStore.js';
import { loadVersionModel } from '../prediction/versionModel.js';
import type { ComparedModel } from '../continuous/challengerVerdict.js';
import { concatenateWindows } from '../runs/windowLoading.js';
import { metricsOf, prefixed, scalarMetrics, windowsOf } from './trainingWork.js';
import { readModelsBlob, runPaths, writeModelsBlob } from '../runs/checkpointStore.js';

/**
 * Scores a registered version (the champion) on a run's held-out subjects, the window sets of the
 * run's own snapshot, so challenger and champion are measured on exactly the same windows. The
 * result is kept next to the run's files; a retry returns it instead of computing it again.
 */
export async function evaluateChampion(
  storage: StorageClients,
  runId: string,
  version: ModelVersion,
): Promise<ComparedModel> {
  const path = runPaths.championEvaluation(runId, version.version);
  const stored = await readModelsBlob(storage, path);
  if (stored !== undefined) return JSON.parse(stored.toString('utf8')) as ComparedModel;
  const run = await new RunStore(storage).require(runId);
  const model = await loadVersionModel(storage, version);
  try {
    const signals = model.params.signals;
    const parts = await windowsOf(storage, run, run.testSubjects, signals);
    const perSubject = [];
    for (const part of parts) {
      const metrics = scalarMetrics(await metricsOf(model, part.windows));
      perSubject.push({ subject: part.subject, windows: part.windows.count, metrics: prefixed('test', metrics) });
    }
    const test = await metricsOf(model, concatenateWindows(parts, signals));
    const evaluation: ComparedModel = {
      version: version.version,
      metrics: prefixed('test', scalarMetrics(test)),
      perSubject,
    };
    await writeModelsBlob(storage, path, Buffer.from(JSON.stringify(evaluation)), 'application/json');
    return evaluation;
  } finally {
    await model.dispose();
  }
}
