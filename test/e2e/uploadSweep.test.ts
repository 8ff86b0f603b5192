import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProcess } from '../support/hostProcess.js';
import { startProductHost } from '../support/productHost.js';
import { bearer, devTokens } from '../support/devTokens.js';

/**
 * POST /api/uploads/sweep over the local host: Admin only, audited, validated. The suite's hosts
 * share wesad-raw, so this test only asks for a dry run (the sweep itself is covered by
 * test/integration/ingestion/uploadSweep.test.ts on a container of its own).
 */
let host: HostProcess;

beforeAll(async () => {
  host = await startProductHost('upload-sweep');
});

afterAll(async () => {
  await host.kill('SIGTERM');
});

const sweep = (token: string, body: string) =>
  fetch(`${host.origin}/api/uploads/sweep`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body,
  });

describe('the upload sweep route', () => {
  it('counts for an Admin what a sweep would ingest, audits it, and refuses everyone else', async () => {
    const response = await sweep(devTokens.admin, JSON.stringify({ dryRun: true }));
    expect(response.status).toBe(200);
    const report = (await response.json()) as { listed: number; known: number; ingested: unknown[]; remaining: number };
    expect(report.ingested).toEqual([]);
    expect(report.listed).toBe(report.known + report.remaining);

    expect((await sweep(devTokens.researcher, '{}')).status).toBe(403);
    expect((await sweep(devTokens.admin, '{"dryRun":"yes"}')).status).toBe(422);

    const audit = await fetch(`${host.origin}/api/audit?action=uploads-swept&actor=admin-1`, {
      headers: bearer(devTokens.compliance),
    });
    const entries = (await audit.json()) as { items: { target: string; details: Record<string, unknown> }[] };
    expect(entries.items.at(-1)).toMatchObject({ target: 'wesad-raw', details: { dryRun: true, ingested: 0 } });
  });
});
