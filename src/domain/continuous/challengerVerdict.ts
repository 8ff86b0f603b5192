import type { GateCheck } from '../registry/stageGates.js';
import type { ComparisonMetric } from './continuousTrainingSettings.js';

/** One side of a comparison: a model version's metrics on the challenger run's held-out subjects. */
export interface ComparedModel {
  version: string;
  /** test_auc, test_accuracy, …: for the champion, measured again on the challenger's test subjects. */
  metrics: Record<string, number>;
  perSubject: { subject: string; windows: number; metrics: Record<string, number> }[];
}

export interface VerdictInput {
  metric: ComparisonMetric;
  margin: number;
  challengerStage: string;
  championStage: string;
  challenger: ComparedModel;
  /** The version in the champion stage when the run was judged; null when the stage was empty. */
  champion: (ComparedModel & { trainedOnTestSubjects: string[] }) | null;
  gateChecks: GateCheck[];
  judgedAt: string;
}

export interface ChallengerVerdict extends VerdictInput {
  /** challenger − champion per shared metric. */
  deltas: Record<string, number>;
  promote: boolean;
  /** The sentence the registry history carries as the assignment's reason. */
  reason: string;
  /** Set once the challenger holds the challenger stage. */
  assignedAt: string | null;
}

/**
 * Decides whether an automatic run's model goes to the challenger stage: it must pass every gate
 * check and beat the champion's score on the same subjects by the margin. An empty champion stage
 * is beaten by any challenger that passes the gates.
 */
export function judgeChallenger(input: VerdictInput): ChallengerVerdict {
  const { metric, margin, challenger, champion } = input;
  const deltas: Record<string, number> = {};
  if (champion !== null) {
    for (const [name, value] of Object.entries(challenger.metrics)) {
      const other = champion.metrics[name];
      if (other !== undefined) deltas[name] = value - other;
    }
  }
  const failedGates = input.gateChecks.filter((check) => !check.passed);
  const score = challenger.metrics[metric];
  const championScore = champion?.metrics[metric];
  const fmt = (value: number) => value.toFixed(4);
  let promote: boolean;
  let why: string;
  if (score === undefined) {
    promote = false;
    why = `the run has no ${metric}`;
  } else if (failedGates.length > 0) {
    promote = false;
    why = `it fails ${failedGates.map((check) => `${check.check} (${check.detail})`).join('; ')}`;
  } else if (champion === null) {
    promote = true;
    why = `no version is in ${input.championStage}; ${metric} ${fmt(score)} passes the gates`;
  } else if (championScore === undefined) {
    promote = false;
    why = `the champion ${champion.version} could not be scored on ${metric}`;
  } else {
    promote = score - championScore >= margin;
    why =
      `${metric} ${fmt(score)} vs ${fmt(championScore)} for ${input.championStage} ${champion.version} ` +
      `on the same held-out subjects: Δ ${score - championScore >= 0 ? '+' : ''}${fmt(score - championScore)}, ` +
      `${promote ? 'at least' : 'below'} the margin ${fmt(margin)}`;
  }
  const reason = promote
    ? `continuous training: challenger ${challenger.version} → ${input.challengerStage}: ${why}`
    : `continuous training: challenger ${challenger.version} not assigned to ${input.challengerStage}: ${why}`;
  return { ...input, deltas, promote, reason, assignedAt: null };
}
