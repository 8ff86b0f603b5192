import { describe, expect, it } from 'vitest';
import { applyTableRetention } from '../../../src/domain/gdpr/tableRetention.js';
import { UploadLedger } from '../../../src/domain/datasets/uploadLedger.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';

describe('table retention', () => {
  it('deletes upload rows older than the retention period and keeps newer ones', async () => {
    const storage = await storageClientsFor('retention');
    const ledger = new UploadLedger(storage);
    const row = (name: string, updatedAt: string) => ({
      container: 'wesad-raw',
      blobName: name,
      etag: '"0x1"',
      kind: 'subject-pickle' as const,
      status: 'ready' as const,
      sizeBytes: 1,
      sha256: null,
      subject: null,
      version: null,
      errorCode: null,
      reason: null,
      attempts: 1,
      updatedAt,
    });
    await ledger.put(row('old.pkl', '2026-10-01T00:00:00.000Z'));
    await ledger.put(row('new.pkl', '2026-11-20T00:00:00.000Z'));

    const report = await applyTableRetention(storage, 21, new Date('2026-11-26T00:00:00Z'));
    expect(report).toMatchObject({ cutoff: '2026-11-05T00:00:00.000Z', uploadsDeleted: 1 });
    expect(await ledger.listForBlob('wesad-raw', 'old.pkl')).toEqual([]);
    expect(await ledger.listForBlob('wesad-raw', 'new.pkl')).toHaveLength(1);
    expect((await applyTableRetention(storage, 21, new Date('2026-11-26T00:00:00Z'))).uploadsDeleted).toBe(0);
  });
});
