import type { EpochMetrics, RunRecord } from '../runs/runRecords.js';
import type { RunEvaluation } from '../runExecution/trainingWork.js';
import { lineChart, rocChart, type Series } from './svgCharts.js';
import type { ConfusionMatrix } from '../training/index.js';
import { escape, section, table } from './htmlParts.js';
import { challengerSection } from './challengerSection.js';

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
    name: `${split} ${metric}`,
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
        [
          ['Run', run.runId],
          ['Experiment', run.experiment],
          ['Status', run.status + (run.error === null ? '' : ` — ${run.error}`)],
          ['Created', `${run.createdAt} by ${run.createdBy}`],
          ['Started / finished', `${run.startedAt ?? '—'} / ${run.finishedAt ?? '—'}`],
          ['Model', run.modelVersion === null ? run.modelName : `${run.modelName} ${run.modelVersion}`],
          ['Backend', run.backend ?? '—'],
          ['Code', `${run.codeVersion}${run.gitCommit === null ? '' : ` (${run.gitCommit})`}`],
          ...(run.trainedOnErasedData === true ? [['Data', 'trained on data that has since been erased']] : []),
        ],
      ),
    ),
    section(
      'Held-out metrics',
      table(
        ['Metric', 'Value'],
        Object.entries(run.metrics)
          .sort()
          .map(([name, value]) => [name, value.toFixed(4)]),
      ),
    ),
    section(
      'Learning curves',
      `<div class="charts">${lineChart('Loss', [series('train', 'loss'), series('validation', 'loss')], 'epoch')}${lineChart(
        'Accuracy and validation AUC',
        [series('train', 'accuracy'), series('validation', 'accuracy'), series('validation', 'auc')],
        'epoch',
      )}</div>`,
    ),
  ];
  if (run.continuousTraining !== undefined) sections.splice(1, 0, challengerSection(run.continuousTraining));
  if (evaluation !== undefined) {
    const { confusion } = evaluation.test;
    sections.push(
      section(
        'Test subjects',
        `<div class="charts">${rocChart(evaluation.test.roc, evaluation.test.rocAuc)}${confusionTable(confusion)}</div>` +
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
    section(
      'Params',
      table(
        ['Param', 'Value'],
        Object.entries(run.params)
          .sort()
          .map(([name, value]) => [name, JSON.stringify(value)]),
      ),
    ),
    section(
      'Data lineage',
      `<p>Snapshot <code>${escape(run.datasetSnapshot?.hash ?? '—')}</code>; train ${escape(run.trainSubjects.join(', '))}, validation ${escape(
        run.validationSubjects.join(', '),
      )}, test ${escape(run.testSubjects.join(', '))}.</p>` +
        table(
          ['Subject', 'Window set', 'Windows', 'Raw upload', 'Raw sha256'],
          (run.datasetSnapshot?.windowSets ?? []).map((set) => [
            set.subject,
            set.version,
            String(set.windows),
            set.sourceBlob,
            set.sourceSha256,
          ]),
        ),
    ),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Run ${escape(run.runId)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:1100px}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}
th{background:#f6f8fa}code{font-size:12px}.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
svg text{font:11px system-ui,sans-serif}
</style></head><body>
<h1>Training run ${escape(run.runId)}</h1>
${sections.join('\n')}
</body></html>
`;
}

function confusionTable(confusion: ConfusionMatrix): string {
  return `<table class="confusion" aria-label="confusion matrix"><tr><th></th><th>predicted stress</th><th>predicted non-stress</th></tr>
<tr><th>stress</th><td>${confusion.truePositives}</td><td>${confusion.falseNegatives}</td></tr>
<tr><th>non-stress</th><td>${confusion.falsePositives}</td><td>${confusion.trueNegatives}</td></tr></table>`;
}
