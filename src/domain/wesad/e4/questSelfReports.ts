import type { ProtocolPhase } from './questTimeline.js';

/** The questionnaires of the WESAD protocol, as the quest file names their rows. */
export const SELF_REPORT_INSTRUMENTS = ['PANAS', 'STAI', 'DIM', 'SSSQ'] as const;
export type SelfReportInstrument = (typeof SELF_REPORT_INSTRUMENTS)[number];

/** One questionnaire row of S{n}_quest.csv: its answers, and the phase it was given after where that is known. */
export interface SelfReport {
  instrument: SelfReportInstrument;
  /** The phase (ORDER name) the answers are about, or null when the file does not say. */
  phase: string | null;
  /** Answers in file order; a cell that is not a number is null. */
  answers: (number | null)[];
}

/**
 * The questionnaire rows of a quest file (`# PANAS;1;2;…`, `# STAI;…`, `# DIM;…`, `# SSSQ;…`),
 * each attributed to a phase:
 * - after a section row naming a phase (`# BASE`, `# TSST`, `# Medi 1`, …), to that phase;
 * - otherwise by position: WESAD asks the questionnaires after each condition with one (every
 *   ORDER phase but the reading tasks), so when an instrument has exactly one row per such phase,
 *   its n-th row belongs to the n-th of them; the one SSSQ row belongs to the stress phase (TSST),
 *   the only one it is asked after.
 * Rows that fit neither keep `phase: null` rather than a guess.
 */
export function parseQuestSelfReports(text: string, phases: readonly ProtocolPhase[]): SelfReport[] {
  const reports: (SelfReport & { section: string | null })[] = [];
  let section: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const [head = '', ...cells] = line.split(';');
    const key = head.trim().replace(/^#\s*/, '');
    if (!head.trim().startsWith('#')) continue;
    const instrument = SELF_REPORT_INSTRUMENTS.find((name) => name === key.toUpperCase());
    if (instrument !== undefined) {
      reports.push({ instrument, phase: null, answers: answersOf(cells), section });
      continue;
    }
    const named = phases.find((phase) => phase.name.toUpperCase() === key.toUpperCase());
    if (named !== undefined) section = named.name;
  }
  const asked = phases.filter((phase) => phase.condition !== 'reading');
  const stress = phases.find((phase) => phase.condition === 'stress');
  for (const instrument of SELF_REPORT_INSTRUMENTS) {
    const rows = reports.filter((report) => report.instrument === instrument);
    rows.forEach((row, index) => {
      if (row.section !== null) row.phase = row.section;
      else if (instrument === 'SSSQ' && rows.length === 1 && stress !== undefined) row.phase = stress.name;
      else if (instrument !== 'SSSQ' && rows.length === asked.length) row.phase = asked[index]?.name ?? null;
    });
  }
  return reports.map(({ instrument, phase, answers }) => ({ instrument, phase, answers }));
}

function answersOf(cells: string[]): (number | null)[] {
  const trimmed = cells.map((cell) => cell.trim());
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed.map((cell) => (cell !== '' && Number.isFinite(Number(cell)) ? Number(cell) : null));
}
