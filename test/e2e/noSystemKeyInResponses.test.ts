import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost, uploadSubjects } from '../support/productHost.js';
import { testConnectionString, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';

/**
 * "HTTP API reference" and "HTTP features" of Durable Functions (durable-functions-http-api,
 * durable-functions-http-features): the management URLs of createHttpManagementPayload /
 * createCheckStatusResponse live under /runtime/webhooks/durabletask and carry
 * `code=<system key>` in Azure; that key opens every instance of the task hub, so they must never
 * reach an end user. (The local host puts the key in those URLs as Azure does; the test looks for
 * the URLs themselves too, so a link without a key would fail it as well.)
 */
let host: HostProcess;
const experiment = uniqueName('nokey-');

beforeAll(async () => {
  host = await startProductHost('no-system-key');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

const accountKey = /AccountKey=([^;]+)/.exec(testConnectionString())?.[1] ?? 'no-account-key-in-connection-string';

/** Everything a client sees of a response: status line, headers and body. */
async function seen(response: Response): Promise<string> {
  const headers = [...response.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

function expectNoManagementLinkOrKey(text: string, what: string): void {
  expect(text, what).not.toMatch(/[?&]code=/i);
  expect(text, what).not.toMatch(/\/runtime\/webhooks\//i);
  expect(text, what).not.toMatch(/[?&]taskHub=/i);
  expect(text, what).not.toContain(accountKey);
  expect(text, what).not.toMatch(/AccountKey=|x-functions-key|SharedAccessSignature|[?&]sig=/i);
}

describe('responses about orchestrations', () => {
  it('hand out the app’s own run links, never a Durable management URL or a key', { timeout: 300_000 }, async () => {
    const researcher = bearer(devTokens.researcher);
    // A run is refused up front unless its subjects have labelled window sets: three short ones,
    // one epoch, so the run goes through every status it reports.
    const subjects = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];
    await uploadSubjects(subjects, 120, 17);
    const started = await fetch(`${host.origin}/api/runs`, {
      method: 'POST',
      headers: { ...researcher, 'content-type': 'application/json' },
      body: JSON.stringify({
        experiment,
        subjects,
        validationSubjects: [subjects[1]],
        testSubjects: [subjects[2]],
        params: { epochs: 1 },
      }),
    });
    expect(started.status).toBe(202);
    const startedText = await seen(started.clone());
    expectNoManagementLinkOrKey(startedText, 'POST /api/runs');
    const body = (await started.json()) as { runId: string; links: { run: string; metrics: string; report: string } };
    expect(body.links.run).toBe(`${host.origin}/api/runs/${body.runId}`);
    expect(started.headers.get('location')).toBe(body.links.run);

    // The status of the orchestration is the run's, read through the app's own route.
    const reported: string[] = [];
    await eventually(
      async () => {
        const response = await fetch(body.links.run, { headers: researcher });
        const text = await seen(response.clone());
        expectNoManagementLinkOrKey(text, 'GET /api/runs/{runId}');
        const run = (await response.json()) as { status: string };
        reported.push(run.status);
        return run.status === 'failed' || run.status === 'succeeded' ? run : undefined;
      },
      180_000,
      'the run to finish',
    );
    expect(['failed', 'succeeded']).toContain(reported.at(-1));

    for (const path of [
      `runs/${body.runId}/metrics`,
      `runs?experiment=${experiment}`,
      `experiments/${experiment}/continuous-training`,
    ]) {
      const response = await fetch(`${host.origin}/api/${path}`, { headers: researcher });
      expect(response.status, path).toBe(200);
      expectNoManagementLinkOrKey(await seen(response), `GET /api/${path}`);
    }
  });
});
