import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/domain/audit/auditTrail.js';
import { SettingAuditKey } from '../../../src/domain/audit/auditKey.js';
import { INLINE_DETAILS_CHARS, auditDetailsContainer } from '../../../src/domain/audit/auditDetailsSize.js';
import { eraseSubject } from '../../../src/domain/gdpr/subjectErasure.js';
import { erasureAuditChange } from '../../../src/domain/gdpr/erasureAudit.js';
import { ModelRegistry } from '../../../src/domain/registry/modelRegistry.js';
import { parseRegistryConfig } from '../../../src/domain/registry/registryConfig.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';
import { uniqueSubjectId } from '../../support/syntheticUploads.js';

const key = new SettingAuditKey('a-test-key-that-is-long-enough-for-hmac-sha256');
const admin = { id: 'admin-1', name: 'admin@example.org', roles: ['Admin'] };

/*
 * Table Storage keeps a string property to 32,768 UTF-16 characters (64 KiB) and an entity to
 * 1 MiB ("Understanding the Table service data model"); Azurite refuses more with
 * PropertyValueTooLarge, as the service does.
 */
describe('the audit entry of an erasure that touched many uploads', () => {
  it('is recorded with its lists in a blob, the row small, and the chain still verifies', async () => {
    const storage = await storageClientsFor('erasureaudit');
    const subject = uniqueSubjectId();
    const raw = storage.blobs.getContainerClient('wesad-raw');
    await raw.createIfNotExists();
    // 40 uploads with the longest names blob storage allows (1,024 characters): about 41,000
    // characters of names, more than one table property can hold.
    const names = Array.from({ length: 40 }, (_, index) =>
      `${subject}/${String(index).padStart(4, '0')}-`.padEnd(1024, 'x'),
    );
    await Promise.all(names.map((name) => raw.getBlockBlobClient(name).upload('x', 1)));

    const report = await eraseSubject(storage, new ModelRegistry(storage, parseRegistryConfig({})), subject, admin);
    expect(report.rawBlobsDeleted).toEqual([...names].sort());
    const event = { actor: admin.id, action: 'subject-erased' as const, ...erasureAuditChange(report) };
    expect(JSON.stringify(event.details).length).toBeGreaterThan(32_768);

    const trail = new AuditTrail(storage, key);
    const entry = await trail.append(event);
    expect(entry.details).toMatchObject({
      rawBlobs: 40,
      runsFlagged: 0,
      detailsBlob: expect.stringMatching(/^audit-details\/details\/[0-9a-f]{64}\.json$/) as string,
    });
    expect(entry.details).not.toHaveProperty('rawBlobNames');
    expect(await trail.verify()).toMatchObject({ valid: true, entries: 1 });

    // The blob holds the whole details, as the hash in the (HMAC-covered) entry says.
    const blobName = String(entry.details.detailsBlob).slice(auditDetailsContainer.length + 1);
    const stored = await storage.blobs
      .getContainerClient(auditDetailsContainer)
      .getBlobClient(blobName)
      .downloadToBuffer();
    expect(createHash('sha256').update(stored).digest('hex')).toBe(entry.details.detailsSha256);
    const whole = JSON.parse(stored.toString('utf8')) as { rawBlobNames: string };
    expect(JSON.parse(whole.rawBlobNames)).toEqual([...names].sort());
  });

  it('keeps details up to the inline bound in the row, and moves them one character past it', async () => {
    const trail = new AuditTrail(await storageClientsFor('auditbound'), key);
    const overhead = JSON.stringify({ note: '' }).length;
    const inline = await trail.append({
      actor: 'a',
      action: 'retention-applied',
      target: 't',
      details: { note: 'n'.repeat(INLINE_DETAILS_CHARS - overhead) },
    });
    expect(inline.details).not.toHaveProperty('detailsBlob');
    const moved = await trail.append({
      actor: 'a',
      action: 'retention-applied',
      target: 't',
      details: { note: 'n'.repeat(INLINE_DETAILS_CHARS - overhead + 1) },
    });
    expect(moved.details).toHaveProperty('detailsBlob');
    expect(await trail.verify()).toMatchObject({ valid: true, entries: 2 });
  });
});
