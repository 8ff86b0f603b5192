import type { EvaluationView } from '../evaluations/evaluationView.js';
import { evaluationMetricNames, type EvaluationMetricName, type MeanStd } from '../evaluations/foldMetrics.js';
import { escape, section, table } from './htmlParts.js';

/**
 * The published wrist-only baselines the report sets ours beside (WESAD paper, Schmidt et al.,
 * ICMI 2018, Table 4: binary stress vs non-stress, leave-one-subject-out over its 15 subjects;
 * /work/shared/design/wesad.md). Percentages as published.
 */
export const publishedBaselines = [
  { method: 'WESAD paper: random forest, all wrist modalities', f1Macro: 84.11, accuracy: 87.12 },
  { method: 'WESAD paper: always the majority class', f1Macro: 41.15, accuracy: 69.94 },
] as const;

const schemeNames = {
  loso: 'leave-one-subject-out',
  kfold: 'k-fold by subject',
  split: 'one fixed train/validation/test split',
} as const;

const metricLabels: Record<EvaluationMetricName, string> = {
  test_auc: 'AUC',
  test_accuracy: 'Accuracy',
  test_f1_macro: 'Macro F1',
  test_balanced_accuracy: 'Balanced accuracy',
};

const colours = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#9a6700', '#bf3989'];

/**
 * An evaluation as one self-contained HTML page (inline CSS and SVG, no scripts): the scheme
 * stated, the configurations ranked with mean ± std over folds, pooled metrics and the paired
 * test against the best, the published baseline rows beside ours, the per-subject chart and the
 * folds with links to their runs.
 */
export function renderEvaluationReport(evaluation: EvaluationView): string {
  const scheme = `${schemeNames[evaluation.scheme]}${evaluation.k === null ? '' : ` (k = ${evaluation.k})`}`;
  const sections = [
    section(
      'Summary',
      table(
        ['', ''],
        [
          ['Evaluation', evaluation.evaluationId],
          ['Experiment', evaluation.experiment],
          ['Scheme', `${scheme} over ${evaluation.subjects.length} subjects`],
          ['Status', evaluation.status + (evaluation.error === null ? '' : ` — ${evaluation.error}`)],
          ['Progress', `${evaluation.progress.finished} of ${evaluation.progress.total} fold runs`],
          ['Created', `${evaluation.createdAt} by ${evaluation.createdBy}`],
          ['Finished', evaluation.finishedAt ?? '—'],
        ],
      ),
    ),
    section('Configurations', configurationTable(evaluation)),
    section('Against the published baseline', baselineTable(evaluation, scheme)),
    section('Per subject', perSubjectChart(evaluation)),
    section(
      'Folds',
      table(
        [
          'Configuration',
          'Fold',
          'Test subjects',
          'Run',
          'Status',
          ...evaluationMetricNames.map((name) => metricLabels[name]),
        ],
        evaluation.folds.map((fold) => [
          String(fold.configuration),
          String(fold.fold),
          fold.testSubjects.join(', '),
          fold.runId,
          fold.status + (fold.error === null ? '' : ` — ${fold.error}`),
          ...evaluationMetricNames.map((name) => formatNumber(fold.metrics[name])),
        ]),
      ),
    ),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Evaluation ${escape(evaluation.evaluationId)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:1100px}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}
th{background:#f6f8fa}svg text{font:11px system-ui,sans-serif}
</style></head><body>
<h1>Evaluation ${escape(evaluation.evaluationId)}</h1>
${sections.join('\n')}
</body></html>
`;
}

function configurationTable(evaluation: EvaluationView): string {
  const comparisons = new Map(evaluation.comparisons.map((comparison) => [comparison.configuration, comparison]));
  const rows = evaluation.configurations.map((configuration) => {
    const aggregate = evaluation.aggregates.find((entry) => entry.configuration === configuration.index);
    const comparison = comparisons.get(configuration.index);
    return [
      String(configuration.index),
      aggregate === undefined ? '—' : String(aggregate.rank),
      JSON.stringify(configuration.params),
      ...evaluationMetricNames.map((name) => formatMeanStd(aggregate?.folds[name])),
      formatNumber(aggregate?.pooled.test_accuracy),
      formatNumber(aggregate?.pooled.test_f1_macro),
      aggregate === undefined ? '—' : `${aggregate.succeededFolds} / ${aggregate.failedFolds}`,
      comparison === undefined
        ? '—'
        : `ΔAUC ${comparison.meanDifference.toFixed(4)}, Wilcoxon p = ${comparison.test.pValue.toPrecision(3)} (n = ${comparison.test.n}, ${comparison.test.method})`,
    ];
  });
  return (
    table(
      [
        'Configuration',
        'Rank',
        'Params',
        ...evaluationMetricNames.map((name) => `${metricLabels[name]} mean ± std`),
        'Pooled accuracy',
        'Pooled macro F1',
        'Folds succeeded / failed',
        'Against the best',
      ],
      rows,
    ) +
    "<p>Mean ± sample standard deviation over the folds that succeeded; pooled metrics from all folds' decisions together. The paired test compares test AUC fold by fold with the best-ranked configuration.</p>"
  );
}

function baselineTable(evaluation: EvaluationView, scheme: string): string {
  const ours = evaluation.configurations.map((configuration) => {
    const aggregate = evaluation.aggregates.find((entry) => entry.configuration === configuration.index);
    return [
      `This evaluation, configuration ${configuration.index}`,
      scheme,
      percent(aggregate?.folds.test_f1_macro?.mean),
      percent(aggregate?.folds.test_accuracy?.mean),
    ];
  });
  const published = publishedBaselines.map((baseline) => [
    baseline.method,
    'leave-one-subject-out, 15 WESAD subjects (published)',
    baseline.f1Macro.toFixed(2),
    baseline.accuracy.toFixed(2),
  ]);
  const caveat =
    evaluation.scheme === 'loso'
      ? 'Both are leave-one-subject-out; the comparison is like for like only on the real WESAD recordings.'
      : `This evaluation is ${scheme}, not leave-one-subject-out: the published numbers are not directly comparable.`;
  return (
    table(['Method', 'Scheme', 'Macro F1 %', 'Accuracy %'], [...ours, ...published]) +
    `<p>Binary stress vs non-stress, wrist signals. ${escape(caveat)} Ours are means over folds.</p>`
  );
}

/** Test AUC (accuracy where a subject's windows hold one class) per test subject, one bar per configuration. */
function perSubjectChart(evaluation: EvaluationView): string {
  const subjects = evaluation.subjects.filter((subject) =>
    evaluation.folds.some((fold) => fold.perSubject.some((entry) => entry.subject === subject)),
  );
  if (subjects.length === 0) return '<p>No fold has finished yet.</p>';
  const configurations = evaluation.configurations.map((configuration) => configuration.index);
  const valueOf = (configuration: number, subject: string): number | undefined => {
    for (const fold of evaluation.folds) {
      if (fold.configuration !== configuration) continue;
      const entry = fold.perSubject.find((candidate) => candidate.subject === subject);
      if (entry !== undefined) return entry.metrics.test_auc ?? entry.metrics.test_accuracy;
    }
    return undefined;
  };
  const group = Math.max(24, configurations.length * 12 + 8);
  const left = 40;
  const top = 24;
  const plot = 200;
  const width = left + subjects.length * group + 16;
  const height = top + plot + 40;
  const bars = subjects.flatMap((subject, s) =>
    configurations.map((configuration, c) => {
      const value = valueOf(configuration, subject);
      if (value === undefined) return '';
      const x = left + s * group + 4 + c * 12;
      const barHeight = value * plot;
      return `<rect class="bar" data-subject="${escape(subject)}" data-configuration="${configuration}" data-value="${value.toFixed(4)}" x="${x}" y="${(top + plot - barHeight).toFixed(1)}" width="10" height="${barHeight.toFixed(1)}" fill="${colours[c % colours.length] ?? '#000'}"><title>${escape(subject)}, configuration ${configuration}: ${value.toFixed(4)}</title></rect>`;
    }),
  );
  const labels = subjects.map(
    (subject, s) =>
      `<text x="${left + s * group + group / 2}" y="${top + plot + 16}" text-anchor="middle">${escape(subject)}</text>`,
  );
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (tick) =>
      `<line x1="${left}" x2="${width - 16}" y1="${top + plot - tick * plot}" y2="${top + plot - tick * plot}" stroke="#d0d7de"/><text x="${left - 4}" y="${top + plot - tick * plot + 4}" text-anchor="end">${tick}</text>`,
  );
  const legend = configurations.map(
    (configuration, c) =>
      `<text x="${left + c * 110}" y="${top - 8}" fill="${colours[c % colours.length] ?? '#000'}">configuration ${configuration}</text>`,
  );
  return `<svg role="img" aria-label="test AUC per subject" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${ticks.join('')}${bars.join('')}${labels.join('')}${legend.join('')}<text x="${left}" y="${height - 4}">test AUC per held-out subject</text></svg>`;
}

function formatMeanStd(stats: MeanStd | undefined): string {
  if (stats === undefined) return '—';
  return `${stats.mean.toFixed(4)} ± ${stats.std === null ? '—' : stats.std.toFixed(4)}`;
}

function formatNumber(value: number | undefined): string {
  return value === undefined ? '—' : value.toFixed(4);
}

function percent(value: number | undefined): string {
  return value === undefined ? '—' : (value * 100).toFixed(2);
}
