import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadLedger } from '../../src/domain/datasets/uploadLedger.js';
import { DatasetCatalog } from '../../src/domain/datasets/datasetCatalog.js';
import { RunStore } from '../../src/domain/runs/runStore.js';
import { finishedRun } from '../support/runFixtures.js';
import { newRunId } from '../../src/domain/runs/runIds.js';
import { ModelRegistry } from '../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../src/domain/registry/registryConfig.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { blobNames, containerOf, testStorage, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { syntheticPickle, uniqueSubjectId } from '../support/syntheticUploads.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('erasure');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

describe('GDPR erasure of a subject', () => {
  it('removes every blob and row of the subject, flags what was trained on it, and audits who did it', async () => {
    const subject = uniqueSubjectId();
    const raw = containerOf('wesad-raw');
    await raw.createIfNotExists();
    const blobName = `${subject}/${subject}.pkl`;
    await raw.getBlockBlobClient(blobName).uploadData(syntheticPickle(subject));
    const upload = await eventually(
      async () => {
        const [row] = await new UploadLedger(testStorage()).listForBlob('wesad-raw', blobName);
        return row?.status === 'ready' ? row : undefined;
      },
      20_000,
      'the upload to be ingested',
    );

    // A run and a model version trained on the subject.
    const runId = newRunId(new Date());
    const model = uniqueName('erasure-model-');
    const actor = { id: 'researcher-1', name: 'r', roles: ['Researcher'] };
    const version = await new ModelRegistry(testStorage(), parseRegistryConfig({})).register(
      {
        model,
        runId,
        datasetSnapshot: 'snap',
        artifactPath: 'p',
        artifactSha256: 'd'.repeat(64),
        metrics: {},
        runCreatedBy: 'researcher-1',
      },
      actor,
    );
    await new RunStore(testStorage()).create(
      finishedRun({
        runId,
        experiment: uniqueName('exp-'),
        trainSubjects: [subject],
        modelName: model,
        modelVersion: version.version,
      }),
    );

    const forbidden = await fetch(`${host.origin}/api/subjects/${subject}`, {
      method: 'DELETE',
      headers: bearer(devTokens.researcher),
    });
    expect(forbidden.status).toBe(403);
    const response = await fetch(`${host.origin}/api/subjects/${subject}`, {
      method: 'DELETE',
      headers: bearer(devTokens.admin),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      rawBlobsDeleted: [blobName],
      runsFlagged: [runId],
      versionsFlagged: [`${model}@1.0.0`],
    });

    expect(await blobNames(raw, `${subject}/`)).toEqual([]);
    expect(await blobNames(containerOf('wesad-processed'), `${subject}/`)).toEqual([]);
    expect(await new UploadLedger(testStorage()).listForBlob('wesad-raw', blobName)).toEqual([]);
    expect(await new DatasetCatalog(testStorage()).get(subject, upload.version ?? '')).toBeUndefined();
    expect((await new RunStore(testStorage()).require(runId)).trainedOnErasedData).toBe(true);
    expect(
      (await new ModelRegistry(testStorage(), parseRegistryConfig({})).version(model, '1.0.0')).trainedOnErasedData,
    ).toBe(true);

    const audit = (await (
      await fetch(`${host.origin}/api/audit?action=subject-erased&actor=admin-1&pageSize=1000`, {
        headers: bearer(devTokens.compliance),
      })
    ).json()) as { items: { target: string }[] };
    expect(audit.items.map((entry) => entry.target)).toContain(`subjects/${subject}`);

    // A second erasure finds nothing left.
    const again = await fetch(`${host.origin}/api/subjects/${subject}`, {
      method: 'DELETE',
      headers: bearer(devTokens.admin),
    });
    expect(await again.json()).toMatchObject({
      rawBlobsDeleted: [],
      windowSetBlobsDeleted: 0,
      runsFlagged: [],
      versionsFlagged: [],
    });
  });

  it('refuses a subject id that could reach outside the subject', async () => {
    const response = await fetch(`${host.origin}/api/subjects/${encodeURIComponent('../S2')}`, {
      method: 'DELETE',
      headers: bearer(devTokens.admin),
    });
    expect([404, 422]).toContain(response.status);
  });
});
