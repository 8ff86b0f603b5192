import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost, uploadSubjects } from '../support/productHost.js';
import { uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';
import { DocumentedResponses, type ServedDocument } from '../support/documentedResponses.js';

/**
 * What keeps the OpenAPI document true: real responses of the running app, from a real upload
 * and a real training run, validated against the response schemas the app documents.
 */

let host: HostProcess;
let document: ServedDocument;
let responses: DocumentedResponses;
const subjects = [uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId(), uniqueSubjectId()];
const experiment = uniqueName('exp-');
const model = uniqueName('openapi-cnn-');

beforeAll(async () => {
  host = await startProductHost('openapi-responses');
  document = (await (await fetch(`${host.origin}/api/openapi.json`)).json()) as ServedDocument;
  responses = new DocumentedResponses(document);
  await uploadSubjects(subjects, 300, 11);
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

interface Call {
  /** The documented path template, e.g. /runs/{runId}. */
  path: string;
  /** The path requested, when it differs from the template. */
  url?: string;
  method?: 'get' | 'post' | 'put' | 'delete';
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the app and returns the status, the body and how it disagrees with the document. */
async function call({ path, url = path, method = 'get', token = devTokens.researcher, body, headers }: Call) {
  const response = await fetch(`${host.origin}/api${url}`, {
    method: method.toUpperCase(),
    headers: {
      ...bearer(token),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (response.headers.get('content-type') ?? '').includes('json');
  const content: unknown = json ? await response.json() : await response.arrayBuffer();
  return { status: response.status, body: content, disagreements: responses.check(method, path, response, content) };
}

describe('the served OpenAPI document', () => {
  it('is valid OpenAPI 3.1 to @readme/openapi-parser', async () => {
    const result = await validate(structuredClone(document) as unknown as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('describes what the app answers, from upload through training to the registry', async () => {
    const checked: { status: number; disagreements: string[] }[] = [];
    const check = async (request: Call): Promise<unknown> => {
      const result = await call(request);
      checked.push(result);
      return result.body;
    };
    const [subject = ''] = subjects;

    await check({ path: '/health' });
    await check({ path: '/openapi.json' });
    const datasets = (await check({ path: '/datasets', url: `/datasets?subject=${subject}` })) as {
      items: { version: string }[];
    };
    const [dataset] = datasets.items;
    await check({ path: '/datasets/{subject}/{version}', url: `/datasets/${subject}/${dataset?.version ?? ''}` });
    await check({ path: '/uploads' });
    await check({ path: '/subjects/{subject}', url: `/subjects/${subject}` });
    await check({
      path: '/experiments/{experiment}/continuous-training',
      url: `/experiments/${experiment}/continuous-training`,
    });

    const started = (await check({
      path: '/runs',
      method: 'post',
      body: { experiment, model, params: { epochs: 1, seed: 5 }, subjects },
    })) as { runId: string };
    const runUrl = `/runs/${started.runId}`;
    await eventually(
      async () => {
        const run = (await call({ path: '/runs/{runId}', url: runUrl })).body as { status: string; error: unknown };
        if (run.status === 'failed') throw new Error(`the run failed: ${JSON.stringify(run.error)}`);
        return run.status === 'succeeded' ? run : undefined;
      },
      240_000,
      'the run to finish',
    );
    await check({ path: '/runs/{runId}', url: runUrl });
    await check({ path: '/runs', url: `/runs?experiment=${experiment}` });
    await check({ path: '/runs/{runId}/metrics', url: `${runUrl}/metrics` });
    await check({ path: '/runs/{runId}/report', url: `${runUrl}/report` });

    const summary = (await check({ path: '/models/{name}', url: `/models/${model}` })) as { etag: string };
    await check({ path: '/models', url: '/models?pageSize=5' });
    await check({ path: '/models/{name}/versions', url: `/models/${model}/versions` });
    await check({ path: '/models/{name}/versions/{version}', url: `/models/${model}/versions/1.0.0` });
    await check({
      path: '/models/{name}/stages/{stage}',
      url: `/models/${model}/stages/staging`,
      method: 'put',
      body: { version: '1.0.0', reason: 'checking the document' },
      headers: { 'if-match': summary.etag },
    });
    await check({ path: '/models/{name}/stages/{stage}', url: `/models/${model}/stages/staging` });
    await check({ path: '/models/{name}/events', url: `/models/${model}/events` });
    await check({
      path: '/models/{name}/versions/{version}/artifact',
      url: `/models/${model}/versions/1.0.0/artifact`,
    });
    await check({
      path: '/models/{name}/stages/{stage}/predict',
      url: `/models/${model}/stages/staging/predict`,
      method: 'post',
      body: { subject, version: dataset?.version ?? '' },
    });
    await check({ path: '/models/{name}/versions/{version}/drift', url: `/models/${model}/versions/1.0.0/drift` });
    await check({
      path: '/models/{name}/stages/{stage}/artifact',
      url: `/models/${model}/stages/staging/artifact`,
    });
    await check({ path: '/runs/compare', url: `/runs/compare?ids=${started.runId},${started.runId}` });
    await check({
      path: '/models/{name}/stages/{stage}',
      url: `/models/${model}/stages/staging?reason=done`,
      method: 'delete',
    });
    await check({
      path: '/models/{name}/versions/{version}/status',
      url: `/models/${model}/versions/1.0.0/status`,
      method: 'post',
      body: { status: 'deprecated', reason: 'checking the document' },
    });
    await check({
      path: '/experiments/{experiment}/continuous-training',
      url: `/experiments/${experiment}/continuous-training`,
      method: 'put',
      body: { enabled: false, params: { epochs: 2 } },
    });
    await check({ path: '/uploads/sweep', method: 'post', body: { dryRun: true }, token: devTokens.admin });
    await check({ path: '/audit', url: '/audit?pageSize=20', token: devTokens.compliance });
    await check({ path: '/audit/verify', token: devTokens.compliance });
    await check({
      path: '/subjects/{subject}',
      url: `/subjects/${subjects[3] ?? ''}`,
      method: 'delete',
      token: devTokens.admin,
    });

    expect(checked.flatMap((result) => result.disagreements)).toEqual([]);
    // Each call answered as documented and with a success, so each schema above was exercised.
    expect(checked.filter((result) => result.status >= 300).map((result) => result.status)).toEqual([]);
    expect(checked.length).toBe(31);
  });
});
