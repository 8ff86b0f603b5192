import type { ContinuousTrainingRun } from '../runs/runRecords.js';
import { escape, section, table } from './htmlParts.js';

const number = (value: number | undefined): string => (value === undefined ? '—' : value.toFixed(4));
const signed = (value: number | undefined): string =>
  value === undefined ? '—' : `${value >= 0 ? '+' : ''}${value.toFixed(4)}`;

/**
 * The CML-style part of an automatic run's report: the challenger next to the champion on the same
 * held-out subjects, with deltas, the gate checks and what was decided.
 */
export function challengerSection(trigger: ContinuousTrainingRun): string {
  const intro = `<p>Started by continuous training on snapshot <code>${escape(trigger.snapshotHash)}</code> (${trigger.windowSets} labelled window sets). Judged on <code>${escape(trigger.metric)}</code> with a margin of ${escape(trigger.margin.toFixed(4))}.</p>`;
  const verdict = trigger.verdict;
  if (verdict === null) return section('Challenger vs champion', `${intro}<p>Not judged yet.</p>`);
  const { challenger, champion } = verdict;
  const championLabel =
    champion === null ? `${verdict.championStage}: none` : `${verdict.championStage} ${champion.version}`;
  const metrics = [...new Set([...Object.keys(challenger.metrics), ...Object.keys(champion?.metrics ?? {})])].sort();
  const overall = table(
    ['Metric', `challenger ${challenger.version}`, championLabel, 'Δ'],
    metrics.map((name) => [
      name === verdict.metric ? `${name} (judged)` : name,
      number(challenger.metrics[name]),
      number(champion?.metrics[name]),
      signed(verdict.deltas[name]),
    ]),
  );
  const subjects = [
    ...new Set([...challenger.perSubject, ...(champion?.perSubject ?? [])].map((entry) => entry.subject)),
  ];
  const perSubject = table(
    ['Subject', `challenger ${verdict.metric}`, `champion ${verdict.metric}`, 'Δ'],
    subjects.map((subject) => {
      const ours = challenger.perSubject.find((entry) => entry.subject === subject)?.metrics[verdict.metric];
      const theirs = champion?.perSubject.find((entry) => entry.subject === subject)?.metrics[verdict.metric];
      return [
        subject,
        number(ours),
        number(theirs),
        signed(ours === undefined || theirs === undefined ? undefined : ours - theirs),
      ];
    }),
  );
  const gates =
    verdict.gateChecks.length === 0
      ? '<p>No gate applies.</p>'
      : table(
          ['Gate check', 'Passed', 'Detail'],
          verdict.gateChecks.map((check) => [check.check, check.passed ? 'yes' : 'no', check.detail]),
        );
  const caveat =
    champion !== null && champion.trainedOnTestSubjects.length > 0
      ? `<p>The champion was trained on ${escape(champion.trainedOnTestSubjects.join(', '))}, which the comparison holds out: its figures there are optimistic.</p>`
      : '';
  const decision = `<p><strong>${verdict.promote ? `Assigned to ${escape(verdict.challengerStage)}` : 'Not assigned'}</strong> — ${escape(verdict.reason)}${verdict.assignedAt === null ? '' : ` (at ${escape(verdict.assignedAt)})`}. ${escape(verdict.championStage)} is only ever assigned by an approver.</p>`;
  return section('Challenger vs champion', intro + decision + overall + caveat + perSubject + gates);
}
