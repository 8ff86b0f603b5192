import type { EpochMetrics, RunRecord } from '../runs/runRecords.js';
import type { RunEvaluation } from '../runExecution/trainingWork.js';
import { lineChart, rocChart, type Series } from './svgCharts.js';
import { DECISION_THRESHOLD, type ClassificationMetrics, type ConfusionMatrix } from '../training/index.js';
import { escape, section, table } from './htmlParts.js';
import { challengerSection } from './challengerSection.js';
import { presentRows } from './presentValues.js';

/** What the report says of a run whose build recorded no commit (tools/buildInfo.ts). */
export const UNKNOWN_COMMIT = 'commit unknown (not built from a git checkout)';

/**
 * A run as one self-contained HTML page (inline CSS and SVG, no scripts, no external assets), so
 * it can be opened, archived or attached to a review as it is: learning curves, ROC curve,
 * confusion matrix, per-subject results, params and lineage down to the raw uploads' sha256.
 */
export function renderRunReport(
  run: RunRecord,
  epochs: readonly EpochMetrics[],
  evaluation: RunEvaluation | undefined,
): string {
  const series = (split: 'train' | 'validation', metric: string): Series => ({
    name: `${split} ${metric === 'auc' ? 'AUC' : metric}`,
    points: epochs.flatMap((epoch) => {
      const value = epoch[split][metric];
      return value === undefined ? [] : [{ x: epoch.epoch, y: value }];
    }),
  });
  const sections = [
    section(
      'Summary',
      table(
        ['', ''],
        presentRows([
          ['Run', run.runId],
          ['Experiment', run.experiment],
          ['Status', run.status + (run.error === null ? '' : ` — ${run.error}`)],
          ['Created', `${run.createdAt} by ${run.createdBy}`],
          ['Started', run.startedAt],
          ['Finished', run.finishedAt],
          ['Model', run.modelVersion === null ? run.modelName : `${run.modelName} ${run.modelVersion}`],
          ['Backend', run.backend],
          ['Code', `${run.codeVersion}, ${run.gitCommit === null ? UNKNOWN_COMMIT : `commit ${run.gitCommit}`}`],
          ['Data', run.trainedOnErasedData === true ? 'trained on data that has since been erased' : null],
        ]),
      ),
    ),
    section(
      'Held-out metrics',
      Object.keys(run.metrics).length === 0
        ? '<p>Not evaluated yet.</p>'
        : (evaluation === undefined ? '' : thresholdNote(evaluation.test)) +
            table(
              ['Metric', 'Value'],
              Object.entries(run.metrics)
                .sort()
                .map(([name, value]) => [name, value.toFixed(4)]),
            ),
    ),
    section(
      'Learning curves',
      epochs.length === 0
        ? '<p>No epoch has finished yet.</p>'
        : `<div class="charts">${lineChart(
            { title: 'Loss', xTitle: 'epoch', yTitle: 'loss (binary cross-entropy)', integerX: true },
            [series('train', 'loss'), series('validation', 'loss')],
          )}${lineChart(
            {
              title: 'Accuracy and validation AUC',
              xTitle: 'epoch',
              yTitle: 'accuracy, AUC (fraction)',
              integerX: true,
              yRange: [0, 1],
            },
            [series('train', 'accuracy'), series('validation', 'accuracy'), series('validation', 'auc')],
          )}</div>`,
    ),
  ];
  if (run.continuousTraining !== undefined) sections.splice(1, 0, challengerSection(run.continuousTraining));
  if (evaluation !== undefined) {
    const { confusion } = evaluation.test;
    sections.push(
      section(
        'Test subjects',
        `<div class="charts">${rocChart(evaluation.test.roc, evaluation.test.rocAuc)}${confusionTable(confusion, thresholdOf(evaluation.test))}</div>` +
          table(
            ['Subject', 'Windows', 'AUC', 'Accuracy', 'Precision', 'Recall', 'F1'],
            evaluation.perSubject.map((entry) => [
              entry.subject,
              String(entry.windows),
              entry.metrics.rocAuc === null ? '—' : entry.metrics.rocAuc.toFixed(4),
              entry.metrics.accuracy.toFixed(4),
              entry.metrics.precision.toFixed(4),
              entry.metrics.recall.toFixed(4),
              entry.metrics.f1.toFixed(4),
            ]),
          ),
      ),
    );
  }
  sections.push(
    section('Params', table(['Param', 'Value'], presentRows(Object.entries(run.params).sort()))),
    section('Data lineage', lineage(run)),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Run ${escape(run.runId)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:1100px}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}
th{background:#f6f8fa}code{font-size:12px}.charts{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
svg text{font:11px system-ui,sans-serif}
</style></head><body>
<h1>Training run ${escape(run.runId)}</h1>
${sections.join('\n')}
</body></html>
`;
}

/** The threshold, where the figures that depend on it are shown. */
function thresholdNote(test: ClassificationMetrics): string {
  return `<p class="threshold">Decision threshold ${thresholdOf(test)}: a window counts as predicted stress when its stress probability is ≥ ${thresholdOf(test)}. Accuracy, precision, recall, F1 and the confusion matrix are at this threshold; loss and AUC do not depend on one.</p>`;
}

/** Evaluations stored before the threshold was recorded were all at DECISION_THRESHOLD. */
function thresholdOf(test: ClassificationMetrics): number {
  const recorded: unknown = test.threshold;
  return typeof recorded === 'number' ? recorded : DECISION_THRESHOLD;
}

function confusionTable(confusion: ConfusionMatrix, threshold: number): string {
  return `<table class="confusion" aria-label="confusion matrix"><caption>Confusion matrix at threshold ${threshold}</caption><tr><th></th><th>predicted stress</th><th>predicted non-stress</th></tr>
<tr><th>stress</th><td>${confusion.truePositives}</td><td>${confusion.falseNegatives}</td></tr>
<tr><th>non-stress</th><td>${confusion.falsePositives}</td><td>${confusion.trueNegatives}</td></tr></table>`;
}

/** The snapshot and the splits as far as they are known, then where each window set came from. */
function lineage(run: RunRecord): string {
  const parts = presentRows([
    ['snapshot', run.datasetSnapshot?.hash],
    ['train', run.trainSubjects],
    ['validation', run.validationSubjects],
    ['test', run.testSubjects],
  ]).map(([name, value]) => `${name} ${name === 'snapshot' ? `<code>${escape(value)}</code>` : escape(value)}`);
  const sets = run.datasetSnapshot?.windowSets ?? [];
  return (
    (parts.length === 0 ? '<p>No snapshot yet: the run has not fixed its data.</p>' : `<p>${parts.join('; ')}.</p>`) +
    (sets.length === 0
      ? ''
      : table(
          ['Subject', 'Window set', 'Windows', 'Raw upload', 'Raw sha256'],
          sets.map((set) => [set.subject, set.version, String(set.windows), set.sourceBlob, set.sourceSha256]),
        ))
  );
}
