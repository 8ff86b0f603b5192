import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { containerOf } from '../support/testStorage.js';
import { bearer, devTokens } from '../support/devTokens.js';
import { eventually } from '../support/eventually.js';
import { uniqueSubjectId } from '../support/syntheticUploads.js';
import { realisticE4Export, zipOf } from '../support/e4Exports.js';
import { questCsv } from '../../src/domain/wesad/synthetic/e4Export.js';
import { syntheticSubject } from '../../src/domain/wesad/synthetic/syntheticSubject.js';

let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('subjects');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

interface SubjectBody {
  protocol: { phases: { name: string; startSeconds: number; endSeconds: number }[] } | null;
  e4: { labelling: { state: string; missing: string[]; version: string | null; offset: unknown } | null };
}

describe('a subject over HTTP', () => {
  it('shows the stored protocol and what labelling needs; a stated offset labels the export, audited', async () => {
    const subject = uniqueSubjectId();
    const generated = syntheticSubject({ subject, seconds: 600, seed: 71, leadInSeconds: 45 });
    const raw = containerOf('wesad-raw');
    await raw.createIfNotExists();
    await raw.getBlockBlobClient(`${subject}/${subject}_quest.csv`).uploadData(Buffer.from(questCsv(generated)));
    await raw.getBlockBlobClient(`${subject}/${subject}_E4_Data.zip`).uploadData(zipOf(realisticE4Export(generated)));

    const get = async (): Promise<{ status: number; body: SubjectBody }> => {
      const response = await fetch(`${host.origin}/api/subjects/${subject}`, { headers: bearer(devTokens.approver) });
      return { status: response.status, body: (await response.json()) as SubjectBody };
    };
    const unlabelled = await eventually(
      async () => {
        const { status, body } = await get();
        return status === 200 && body.protocol !== null && body.e4.labelling !== null ? body : undefined;
      },
      30_000,
      'the quest file and the E4 export to be ingested',
    );
    expect(unlabelled.protocol?.phases.map((phase) => phase.name)).toContain('TSST');
    expect(unlabelled.e4.labelling).toMatchObject({ state: 'unlabelled', version: null });
    expect(unlabelled.e4.labelling?.missing.join(' ')).toContain(`PUT /api/subjects/${subject}/e4-offset`);

    const put = (token: string, body: unknown) =>
      fetch(`${host.origin}/api/subjects/${subject}/e4-offset`, {
        method: 'PUT',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put(devTokens.approver, { offsetSeconds: 45, reason: 'r' })).status).toBe(403);
    expect((await put(devTokens.researcher, { offsetSeconds: '45', reason: 'r' })).status).toBe(422);
    const stated = await put(devTokens.researcher, { offsetSeconds: 45, reason: 'measured on the double tap' });
    expect(stated.status).toBe(200);
    const labelled = (await stated.json()) as SubjectBody;
    expect(labelled.e4.labelling).toMatchObject({ state: 'labelled', offset: { offsetSeconds: 45, source: 'stated' } });
    expect((await get()).body.e4.labelling?.version).toBe(labelled.e4.labelling?.version);

    const audit = (await (
      await fetch(`${host.origin}/api/audit?action=e4-offset-stated&actor=researcher-1&pageSize=1000`, {
        headers: bearer(devTokens.compliance),
      })
    ).json()) as { items: { target: string; details: Record<string, unknown> }[] };
    const entry = audit.items.find((item) => item.target === `subjects/${subject}/e4-offset`);
    expect(entry?.details).toMatchObject({
      offsetSeconds: 45,
      reason: 'measured on the double tap',
      labelling: 'labelled',
    });

    expect(
      (await fetch(`${host.origin}/api/subjects/${uniqueSubjectId()}`, { headers: bearer(devTokens.admin) })).status,
    ).toBe(404);
  });
});
