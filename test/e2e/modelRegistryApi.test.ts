import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelRegistry } from '../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../src/domain/registry/registryConfig.js';
import { clientPrincipalHeaders } from '../../devhost/http/clientPrincipalHeaders.js';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { containerOf, testStorage, uniqueName } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';

let host: HostProcess;
const registry = new ModelRegistry(testStorage(), parseRegistryConfig({}));

beforeAll(async () => {
  host = await startProductHost('registry');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

/** A model with one version per AUC, trained by researcher-1. */
async function model(aucs: number[]): Promise<string> {
  const name = uniqueName('stress-cnn-');
  for (const [index, auc] of aucs.entries()) {
    await registry.register(
      {
        model: name,
        runId: `run-${index}`,
        datasetSnapshot: 'snapshot',
        artifactPath: `models/${name}/${index}`,
        artifactSha256: 'c'.repeat(64),
        metrics: { test_auc: auc },
        runCreatedBy: 'researcher-1',
      },
      { id: 'researcher-1', name: 'r', roles: ['Researcher'] },
    );
  }
  return name;
}

async function put(path: string, token: string, body: unknown, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${host.origin}/api/${path}`, {
    method: 'PUT',
    headers: { ...bearer(token), 'content-type': 'application/json', ...extra },
    body: JSON.stringify(body),
  });
}

describe('the registry API', () => {
  it('refuses anonymous callers and ignores a forged client principal', async () => {
    const name = await model([0.9]);
    expect((await fetch(`${host.origin}/api/models/${name}`)).status).toBe(401);
    const forged = clientPrincipalHeaders({ id: 'mallory', name: 'mallory', roles: ['ModelApprover'] });
    const response = await fetch(`${host.origin}/api/models/${name}`, { headers: forged });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('walks a version through staging to production under the gates', async () => {
    const name = await model([0.7, 0.93]);
    expect(
      (await put(`models/${name}/stages/staging`, devTokens.researcher, { version: '1.1.0', reason: 'looks good' }))
        .status,
    ).toBe(200);

    const researcherToProduction = await put(`models/${name}/stages/production`, devTokens.researcher, {
      version: '1.1.0',
      reason: 'ship it',
    });
    expect(researcherToProduction.status).toBe(403);

    const lowAuc = await put(`models/${name}/stages/production`, devTokens.approver, {
      version: '1.0.0',
      reason: 'try',
    });
    expect(lowAuc.status).toBe(422);
    expect(await lowAuc.json()).toMatchObject({ type: 'urn:wesad-mlops:problem:gate-refused' });

    const approved = await put(`models/${name}/stages/production`, devTokens.approver, {
      version: '1.1.0',
      reason: 'reviewed the report',
    });
    expect(approved.status).toBe(200);
    const inProduction = await fetch(`${host.origin}/api/models/${name}/stages/production`, {
      headers: bearer(devTokens.researcher),
    });
    expect(await inProduction.json()).toMatchObject({ version: '1.1.0', metrics: { test_auc: 0.93 } });

    const events = (await (
      await fetch(`${host.origin}/api/models/${name}/events`, { headers: bearer(devTokens.compliance) })
    ).json()) as {
      items: { action: string; actor: string; stage: string | null; reason: string }[];
    };
    expect(events.items.filter((event) => event.action === 'stage-assigned')).toEqual([
      expect.objectContaining({ actor: 'researcher-1', stage: 'staging', reason: 'looks good' }),
      expect.objectContaining({ actor: 'approver-1', stage: 'production', reason: 'reviewed the report' }),
    ]);
  });

  it('lets one of ten concurrent assignments carrying the same ETag win; the others get 409', async () => {
    const name = await model(Array.from({ length: 10 }, () => 0.9));
    const etag = (
      await fetch(`${host.origin}/api/models/${name}`, { headers: bearer(devTokens.researcher) })
    ).headers.get('etag');
    if (etag === null) throw new Error('no ETag on the model');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        put(
          `models/${name}/stages/staging`,
          devTokens.researcher,
          { version: `1.${index}.0`, reason: `race ${index}` },
          { 'if-match': etag },
        ),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const events = (await (
      await fetch(`${host.origin}/api/models/${name}/events`, { headers: bearer(devTokens.researcher) })
    ).json()) as {
      items: { action: string }[];
    };
    expect(events.items.filter((event) => event.action === 'stage-assigned')).toHaveLength(1);
  });

  it('records stage changes in the audit trail, which only compliance officers read and which verifies', async () => {
    const name = await model([0.9]);
    await put(`models/${name}/stages/staging`, devTokens.researcher, { version: '1.0.0', reason: 'audited' });
    expect((await fetch(`${host.origin}/api/audit`, { headers: bearer(devTokens.researcher) })).status).toBe(403);
    const page = (await (
      await fetch(`${host.origin}/api/audit?action=stage-assigned&actor=researcher-1&pageSize=1000`, {
        headers: bearer(devTokens.compliance),
      })
    ).json()) as { items: { target: string; details: { reason: string } }[] };
    expect(page.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          target: `models/${name}/stages/staging`,
          details: { version: '1.0.0', reason: 'audited' },
        }),
      ]),
    );
    const verification = await fetch(`${host.origin}/api/audit/verify`, { headers: bearer(devTokens.compliance) });
    expect(await verification.json()).toMatchObject({ valid: true });
  });

  it('hands over the artifact of the version in a stage with a sha256 the client can check', async () => {
    const name = uniqueName('stress-cnn-');
    const artifact = Buffer.from(JSON.stringify({ format: 'layers-model', weights: [1, 2, 3] }));
    const path = `${name}/1.0.0/model.json`;
    const models = containerOf('models');
    await models.createIfNotExists();
    await models.getBlockBlobClient(path).uploadData(artifact);
    await registry.register(
      {
        model: name,
        runId: 'run-artifact',
        datasetSnapshot: 'snapshot',
        artifactPath: path,
        artifactSha256: createHash('sha256').update(artifact).digest('hex'),
        metrics: { test_auc: 0.9 },
        runCreatedBy: 'researcher-1',
      },
      { id: 'researcher-1', name: 'r', roles: ['Researcher'] },
    );
    await put(`models/${name}/stages/staging`, devTokens.researcher, { version: '1.0.0', reason: 'for download' });

    const download = await fetch(`${host.origin}/api/models/${name}/stages/staging/artifact`, {
      headers: bearer(devTokens.researcher),
    });
    expect(download.status).toBe(200);
    const received = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(received).digest('hex')).toBe(download.headers.get('x-artifact-sha256'));
    expect(download.headers.get('x-model-version')).toBe('1.0.0');

    await models.getBlockBlobClient(path).uploadData(Buffer.from('tampered'));
    const refused = await fetch(`${host.origin}/api/models/${name}/versions/1.0.0/artifact`, {
      headers: bearer(devTokens.researcher),
    });
    expect(refused.status).toBe(409);
  });

  it('validates names and bodies at the edge', async () => {
    const name = await model([0.9]);
    expect(
      (await fetch(`${host.origin}/api/models/Not_A_Name`, { headers: bearer(devTokens.researcher) })).status,
    ).toBe(422);
    expect((await put(`models/${name}/stages/staging`, devTokens.researcher, { version: 'latest' })).status).toBe(422);
    expect(
      (await put(`models/${name}/stages/nowhere`, devTokens.researcher, { version: '1.0.0', reason: 'x' })).status,
    ).toBe(422);
    expect(
      (await fetch(`${host.origin}/api/models/${uniqueName('absent-')}`, { headers: bearer(devTokens.researcher) }))
        .status,
    ).toBe(404);
  });
});
