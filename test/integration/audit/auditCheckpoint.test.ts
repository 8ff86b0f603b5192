import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/domain/audit/auditTrail.js';
import { SettingAuditKey } from '../../../src/domain/audit/auditKey.js';
import { AuditCheckpointStore } from '../../../src/domain/audit/checkpointStore.js';
import { writeAuditCheckpoint } from '../../../src/domain/audit/checkpointWriter.js';
import { verifyAnchoredChain } from '../../../src/domain/audit/anchoredVerification.js';
import { signCheckpoint } from '../../../src/domain/audit/auditCheckpoint.js';
import type { StorageClients } from '../../../src/platform/storage/storageClients.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';
import { uniqueName } from '../../support/testStorage.js';

/*
 * Against Azurite, which stores the checkpoints as Azure would but does not enforce the
 * container's immutability policy (in Azure, infra/modules/storage.bicep puts one on it): these
 * tests are about what the verification sees, not about WORM itself.
 */

const keyText = 'a-test-key-that-is-long-enough-for-hmac-sha256';
const keySource = new SettingAuditKey(keyText);
const key = Buffer.from(keyText, 'utf8');
const at = new Date('2026-03-01T12:00:00Z');

interface Chain {
  storage: StorageClients;
  trail: AuditTrail;
  store: AuditCheckpointStore;
}

async function chainWith(entries: number): Promise<Chain> {
  const storage = await storageClientsFor('auditanchor');
  const trail = new AuditTrail(storage, keySource);
  for (let index = 1; index <= entries; index++) {
    await trail.append({
      actor: 'researcher-1',
      action: 'stage-assigned',
      target: `models/m/stages/s${index}`,
      details: { index },
    });
  }
  const container = storage.blobs.getContainerClient(uniqueName('auditcp'));
  return { storage, trail, store: new AuditCheckpointStore(container) };
}

/**
 * What someone with write access to the table (and nothing else) can do: delete the newest
 * entries and set the head row back to the last entry kept, under its ETag, as an append would.
 */
async function cutTail(storage: StorageClients, keep: number, total: number): Promise<void> {
  const table = await storage.table('audit');
  for (let sequence = keep + 1; sequence <= total; sequence++) {
    await table.deleteEntity('chain', `e|${String(sequence).padStart(12, '0')}`);
  }
  const kept = await table.getEntity<{ hash: string }>('chain', `e|${String(keep).padStart(12, '0')}`);
  const head = await table.getEntity('chain', 'head');
  await table.updateEntity({ partitionKey: 'chain', rowKey: 'head', sequence: keep, hash: kept.hash }, 'Replace', {
    etag: head.etag,
  });
}

describe('audit checkpoints outside the table', () => {
  it('an intact chain verifies against its checkpoint (negative control)', async () => {
    const { trail, store } = await chainWith(5);
    expect(await writeAuditCheckpoint(trail, store, key, at)).toMatchObject({
      outcome: 'written',
      checkpoint: { sequence: 5 },
    });
    await trail.append({ actor: 'approver-1', action: 'stage-assigned', target: 'models/m/stages/p', details: {} });
    const verification = await verifyAnchoredChain(trail, store, key);
    expect(verification).toMatchObject({ result: 'intact', valid: true, entries: 6, checkpoints: 1 });
    expect(verification.checkpoint).toMatchObject({ sequence: 5, at: at.toISOString() });
  });

  it('reports a tail cut from the table with the head row rewound, which the chain alone does not show', async () => {
    const { storage, trail, store } = await chainWith(7);
    await writeAuditCheckpoint(trail, store, key, at);
    await cutTail(storage, 4, 7);

    // The attack works against the chain on its own: what is left is a valid, shorter chain.
    expect(await trail.verify()).toMatchObject({ valid: true, entries: 4 });
    const verification = await verifyAnchoredChain(trail, store, key);
    expect(verification).toMatchObject({ result: 'truncated', valid: false, entries: 4, checkpoint: { sequence: 7 } });
    expect(verification.detail).toMatch(/ends at entry 4.*anchors entry 7/);
    // The timer does not anchor the shortened chain, which would hide the cut from later checks.
    expect(await writeAuditCheckpoint(trail, store, key, at)).toMatchObject({ outcome: 'refused' });
  });

  it('reports a chain cut and appended to again past the checkpoint', async () => {
    const { storage, trail, store } = await chainWith(6);
    await writeAuditCheckpoint(trail, store, key, at);
    await cutTail(storage, 3, 6);
    for (let index = 0; index < 4; index++) {
      await trail.append({
        actor: 'researcher-1',
        action: 'stage-assigned',
        target: 'models/m/stages/x',
        details: { index },
      });
    }
    expect(await trail.verify()).toMatchObject({ valid: true, entries: 7 });
    const verification = await verifyAnchoredChain(trail, store, key);
    expect(verification).toMatchObject({ result: 'truncated', valid: false });
    expect(verification.detail).toMatch(/Entry 6 hashes differently/);
    expect(await writeAuditCheckpoint(trail, store, key, at)).toMatchObject({ outcome: 'refused' });
  });

  it('finds the latest checkpoint by listing, writes nothing when the head has not moved, and refuses a forged one', async () => {
    const { trail, store } = await chainWith(9);
    expect(await verifyAnchoredChain(trail, store, key)).toMatchObject({ result: 'unanchored', valid: true });
    await writeAuditCheckpoint(trail, store, key, at);
    expect(await writeAuditCheckpoint(trail, store, key, at)).toEqual({ outcome: 'unchanged', sequence: 9 });
    await trail.append({ actor: 'researcher-1', action: 'stage-assigned', target: 'models/m/stages/t', details: {} });
    await writeAuditCheckpoint(trail, store, key, new Date('2026-03-01T12:15:00Z'));
    // 9 and 10: names sort by their zero-padded sequence, so the last listed is the latest.
    expect((await store.list()).map((listed) => listed.sequence)).toEqual([9, 10]);
    expect(await verifyAnchoredChain(trail, store, key)).toMatchObject({
      result: 'intact',
      checkpoint: { sequence: 10, at: '2026-03-01T12:15:00.000Z' },
      checkpoints: 2,
    });

    // A checkpoint signed with another key claims a longer chain: refused, not believed.
    const head = await trail.head();
    const forged = signCheckpoint(
      Buffer.from('another-key-that-is-also-long-enough-0001'),
      { ...head, sequence: 11 },
      at,
    );
    await store.write(forged);
    expect(await verifyAnchoredChain(trail, store, key)).toMatchObject({ result: 'checkpoint-invalid', valid: false });
    expect(await writeAuditCheckpoint(trail, store, key, at)).toMatchObject({ outcome: 'refused' });
  });

  it('still reports an entry edited in place as a broken chain', async () => {
    const { storage, trail, store } = await chainWith(4);
    await writeAuditCheckpoint(trail, store, key, at);
    const table = await storage.table('audit');
    const row = await table.getEntity('chain', 'e|000000000002');
    await table.updateEntity({ partitionKey: 'chain', rowKey: 'e|000000000002', actor: 'someone-else' }, 'Merge', {
      etag: row.etag,
    });
    expect(await verifyAnchoredChain(trail, store, key)).toMatchObject({ result: 'broken', valid: false });
  });
});
