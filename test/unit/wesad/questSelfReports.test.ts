import { describe, expect, it } from 'vitest';
import { parseQuestTimeline } from '../../../src/domain/wesad/e4/questTimeline.js';
import { parseQuestSelfReports } from '../../../src/domain/wesad/e4/questSelfReports.js';

const HEAD = [
  '# Subj;S2;;;;;;;',
  '# ORDER;Base;TSST;Medi 1;Fun;Medi 2;sRead;fRead;',
  '# START;7.08;39.55;70.19;57.05;91.30;82.34;105.2;',
  '# END;26.32;50.3;77.30;63.41;98.35;84.29;107.0;',
  ';;;;;;;;',
];

const reportsOf = (lines: string[]) => {
  const text = [...HEAD, ...lines].join('\n');
  return parseQuestSelfReports(text, parseQuestTimeline(text).phases);
};

describe('quest.csv self-reports', () => {
  it('attributes one row per questioned condition by position, and the SSSQ to the stress phase', () => {
    const reports = reportsOf([
      ...['1;2;3', '2;2;2', '1;1;1', '3;3;3', '1;2;1'].map((answers) => `# PANAS;${answers};;;`),
      ...['4;4', '5;5', '3;3', '2;2', '4;1'].map((answers) => `# STAI;${answers};;`),
      '# SSSQ;5;4;x;;',
    ]);
    expect(reports.filter((r) => r.instrument === 'PANAS').map((r) => r.phase)).toEqual([
      'Base',
      'TSST',
      'Medi 1',
      'Fun',
      'Medi 2',
    ]);
    expect(reports.find((r) => r.instrument === 'PANAS')?.answers).toEqual([1, 2, 3]);
    expect(reports.find((r) => r.instrument === 'SSSQ')).toEqual({
      instrument: 'SSSQ',
      phase: 'TSST',
      answers: [5, 4, null],
    });
  });

  it('follows section rows naming a phase', () => {
    const reports = reportsOf(['# Fun;;;', '# PANAS;1;1', '# DIM;7;2', '# TSST;;', '# PANAS;4;4']);
    expect(reports.map((r) => [r.instrument, r.phase])).toEqual([
      ['PANAS', 'Fun'],
      ['DIM', 'Fun'],
      ['PANAS', 'TSST'],
    ]);
  });

  it('does not guess when the rows do not line up with the conditions', () => {
    const reports = reportsOf(['# PANAS;1;1', '# PANAS;2;2']);
    expect(reports.map((r) => r.phase)).toEqual([null, null]);
  });
});
