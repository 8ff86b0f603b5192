import { describe, expect, it } from 'vitest';
import { renderRunReport, UNKNOWN_COMMIT } from '../../../src/domain/reports/runReport.js';
import { finishedRun } from '../../support/runFixtures.js';

describe('the run report page', () => {
  it('says the commit is unknown for a run built outside a git checkout', () => {
    const html = renderRunReport(finishedRun({ experiment: 'e', gitCommit: null }), [], undefined);
    expect(html).toContain(`<td>0.1.0, ${UNKNOWN_COMMIT}</td>`);
    expect(UNKNOWN_COMMIT).toBe('commit unknown (not built from a git checkout)');
  });

  it('shows no empty row: no unset times, no empty params, no empty splits', () => {
    const html = renderRunReport(
      finishedRun({
        experiment: 'e',
        backend: null,
        params: { epochs: 3, input_shapes: {}, signals: [] },
        trainSubjects: ['S2'],
      }),
      [],
      undefined,
    );
    expect(html).not.toMatch(/<td>(Started|Finished|Backend)<\/td>/);
    expect(html).toContain('<td>epochs</td><td>3</td>');
    expect(html).not.toContain('input_shapes');
    expect(html).not.toContain('<td>signals</td>');
    expect(html).toContain('<p>train S2.</p>');
    expect(html).not.toMatch(/<td>(|—|\{\}|\[\]|null)<\/td>/);
  });

  it('says what is not there yet instead of drawing empty charts and tables', () => {
    const html = renderRunReport(finishedRun({ experiment: 'e' }), [], undefined);
    expect(html).not.toContain('Decision threshold');
    expect(html).toContain('<p>Not evaluated yet.</p>');
    expect(html).toContain('<p>No epoch has finished yet.</p>');
    expect(html).not.toContain('<svg');
  });
});
