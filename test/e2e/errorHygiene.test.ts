import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/domain/runs/runRecords.js';
import { RunStore } from '../../src/domain/runs/runStore.js';
import { runPaths } from '../../src/domain/runs/checkpointStore.js';
import type { HostProcess } from '../support/hostProcess.js';
import { projectRoot } from '../support/hostProcess.js';
import { startProductHost, uploadSubjects } from '../support/productHost.js';
import { containerOf, testStorage, uniqueName } from '../support/testStorage.js';
import { finishedRun } from '../support/runFixtures.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('errors');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

/** A stack frame, raw or JSON-escaped, and where the server's files live. */
const stackFrame = /(\n|\\n)\s+at\s/;
function leaks(text: string): string[] {
  const found: string[] = [];
  if (stackFrame.test(text)) found.push('a stack frame');
  if (text.includes(projectRoot)) found.push(`the server path ${projectRoot}`);
  if (/(^|[\s'"(])\/(?:[\w.@-]+\/){2,}[\w.@-]+\.(js|ts|mjs)\b/.test(text)) found.push('a server file path');
  return found;
}

describe('server-side errors reach clients as a sentence and a correlation id', () => {
  it('answers a corrupted stored blob with a problem that names the correlation id the log carries', async () => {
    const run = finishedRun({ experiment: uniqueName('errors-') });
    await new RunStore(testStorage()).create(run);
    const models = containerOf('models');
    await models.createIfNotExists();
    await models.getBlockBlobClient(runPaths.evaluation(run.runId)).upload('{"metrics": [1, 2', 17);

    const response = await fetch(`${host.origin}/api/runs/${run.runId}/report`, {
      headers: bearer(devTokens.researcher),
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const text = await response.text();
    expect(leaks(text)).toEqual([]);
    const problem = JSON.parse(text) as { detail: string; correlationId: string };
    expect(problem.correlationId).toMatch(/^[0-9a-f-]{16,}$/);
    expect(problem.detail).toContain(problem.correlationId);
    // The log has the whole error under the same id.
    const logLine = host
      .output()
      .split('\n')
      .find((line) => line.includes(`[correlation id ${problem.correlationId}]`));
    expect(logLine).toContain('SyntaxError');
    expect(host.output().slice(host.output().indexOf(problem.correlationId))).toMatch(/\n\s+at\s/);
  });

  it('records a run that failed on a corrupted window set without its stack, in the run and in the audit trail', async () => {
    const subjects = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];
    const uploads = await uploadSubjects(subjects, 120, 11);
    const first = uploads[0];
    if (first?.subject == null || first.version === null) throw new Error('no window set');
    await containerOf('wesad-processed')
      .getBlockBlobClient(`${first.subject}/${first.version}/EDA.npy`)
      .upload('not an npy file', 15);

    const started = await fetch(`${host.origin}/api/runs`, {
      method: 'POST',
      headers: { ...bearer(devTokens.researcher), 'content-type': 'application/json' },
      body: JSON.stringify({
        experiment: uniqueName('errors-'),
        params: { epochs: 1 },
        subjects,
        validationSubjects: [subjects[1]],
        testSubjects: [subjects[2]],
      }),
    });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    const run = await eventually(
      async () => {
        const current = (await (
          await fetch(`${host.origin}/api/runs/${runId}`, { headers: bearer(devTokens.researcher) })
        ).json()) as RunRecord;
        return current.status === 'failed' ? current : undefined;
      },
      120_000,
      'the run to fail',
    );
    const error = run.error ?? '';
    expect(leaks(error)).toEqual([]);
    const correlationId = /\(correlation id ([0-9a-f]+)\)$/.exec(error)?.[1];
    expect(correlationId, error).toBeDefined();

    const audit = (await (
      await fetch(`${host.origin}/api/audit?action=run-finished&pageSize=1000`, {
        headers: bearer(devTokens.compliance),
      })
    ).json()) as { items: { target: string; details: Record<string, unknown> }[] };
    const entry = audit.items.find((item) => item.target === `runs/${runId}`);
    expect(entry?.details).toMatchObject({ status: 'failed', reason: error, correlationId });
    expect(leaks(JSON.stringify(entry))).toEqual([]);

    const logged = host.output().slice(host.output().indexOf(`[correlation id ${correlationId ?? ''}]`));
    expect(logged).toMatch(stackFrame);
  }, 200_000);
});
