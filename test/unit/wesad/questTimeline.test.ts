import { describe, expect, it } from 'vitest';
import { parseQuestTimeline } from '../../../src/domain/wesad/e4/questTimeline.js';

const QUEST = [
  '# Subj;S2;;;;;;;',
  '# ORDER;Base;TSST;Medi 1;Fun;Medi 2;sRead;fRead;',
  '# START;7.08;39.55;70.19;57.05;91.30;82.34;105.2;',
  '# END;26.32;50.3;77.30;63.41;98.35;84.29;107.0;',
  ';;;;;;;;',
  '# PANAS;1;2;3;4;5;1;1;',
].join('\n');

describe('quest.csv protocol timeline', () => {
  it('reads order, start and end (minutes.seconds) into phases', () => {
    const timeline = parseQuestTimeline(QUEST);
    expect(timeline.subject).toBe('S2');
    expect(timeline.phases.map((p) => [p.name, p.condition, p.label])).toEqual([
      ['Base', 'baseline', 1],
      ['TSST', 'stress', 2],
      ['Medi 1', 'meditation', 4],
      ['Fun', 'amusement', 3],
      ['Medi 2', 'meditation', 4],
      ['sRead', 'reading', null],
      ['fRead', 'reading', null],
    ]);
    expect(timeline.phases[0]).toMatchObject({ startSeconds: 7 * 60 + 8, endSeconds: 26 * 60 + 32 });
    expect(timeline.phases[1]).toMatchObject({ startSeconds: 39 * 60 + 55, endSeconds: 50 * 60 + 30 });
  });

  it.each([
    ['no END row', QUEST.replace(/# END.*\n/, '')],
    ['a non-numeric time', QUEST.replace('39.55', 'soon')],
    ['seconds past 59', QUEST.replace('39.55', '39.75')],
    ['a phase that ends before it starts', QUEST.replace('26.32', '6.32')],
    ['fewer starts than phases', QUEST.replace('# START;7.08;', '# START;')],
  ])('refuses %s', (_what, text) => {
    expect(() => parseQuestTimeline(text)).toThrow(expect.objectContaining({ code: 'QUEST_MALFORMED' }) as Error);
  });
});
