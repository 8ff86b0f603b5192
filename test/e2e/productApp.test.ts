import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UploadLedger } from '../../src/domain/datasets/uploadLedger.js';
import { wesadFixtures } from '../support/projectPaths.js';
import { bearer, devTokens } from '../support/devTokens.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { containerOf, testStorage, uniqueName } from '../support/testStorage.js';
import { eventually } from '../support/eventually.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('product');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

describe('the product app on the local host', () => {
  it('reports its health, naming the host and the storage services', async () => {
    const response = await fetch(`${host.origin}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      app: 'wesad-mlops',
      host: 'local-devhost',
      storage: { blob: { status: 'ok' }, queue: { status: 'ok' }, table: { status: 'ok' } },
    });
  });

  it('ingests a subject pickle uploaded with the Blob API into a window set served by the API', async () => {
    const raw = containerOf('wesad-raw');
    await raw.createIfNotExists();
    const name = `${uniqueName('study')}/S91.pkl`;
    const pickle = await readFile(path.join(wesadFixtures, 'S91.pkl'));
    await raw.getBlockBlobClient(name).uploadData(pickle);

    const upload = await eventually(
      async () => {
        const [row] = await new UploadLedger(testStorage()).listForBlob('wesad-raw', name);
        return row?.status === 'ready' ? row : undefined;
      },
      15_000,
      'the upload to be ingested',
    );
    expect(upload).toMatchObject({ kind: 'subject-pickle', subject: 'S91', sizeBytes: pickle.length });

    const dataset = await fetch(`${host.origin}/api/datasets/S91/${upload.version ?? ''}`, {
      headers: bearer(devTokens.researcher),
    });
    expect(dataset.status).toBe(200);
    expect(await dataset.json()).toMatchObject({
      subject: 'S91',
      kind: 'labelled',
      sourceBlob: name,
      manifest: { format: 'wesad-wrist-v1', source: { name, sizeBytes: pickle.length } },
    });
    const listed = (await (
      await fetch(`${host.origin}/api/datasets?subject=S91`, { headers: bearer(devTokens.researcher) })
    ).json()) as { items: unknown[] };
    expect(listed.items).toEqual(expect.arrayContaining([expect.objectContaining({ version: upload.version })]));
    // The row is written inside the invocation; the host logs completion just after.
    await eventually(
      () =>
        Promise.resolve(host.output().includes(`Executed ingestRawUpload for wesad-raw/${name}`) ? true : undefined),
      5000,
      'the completion log',
    );
    expect(host.output()).toContain(`Executed ingestRawUpload for wesad-raw/${name} (attempt 1)`);
  });

  it('answers bad route values with a validation problem, not a 404', async () => {
    const response = await fetch(`${host.origin}/api/datasets/S91/not-a-version`, {
      headers: bearer(devTokens.researcher),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
