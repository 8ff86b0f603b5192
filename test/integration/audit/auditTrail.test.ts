import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/domain/audit/auditTrail.js';
import { KeyVaultAuditKey, SettingAuditKey, type SecretReader } from '../../../src/domain/audit/auditKey.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';

const key = new SettingAuditKey('a-test-key-that-is-long-enough-for-hmac-sha256');

function event(index: number) {
  return {
    actor: `user-${index % 2}`,
    action: 'stage-assigned' as const,
    target: `models/m/stages/s${index}`,
    details: { index },
  };
}

describe('the audit hash chain', () => {
  it('appends a verifiable chain and lists it by actor and action', async () => {
    const trail = new AuditTrail(await storageClientsFor('auditchain'), key);
    for (let index = 1; index <= 4; index++) await trail.append(event(index));
    const verification = await trail.verify();
    expect(verification).toMatchObject({ valid: true, entries: 4 });
    const last = (await trail.list({}, 100, undefined)).items.at(-1);
    expect(verification.valid && verification.lastHash).toBe(last?.hash);
    const byActor = await trail.list({ actor: 'user-1' }, 100, undefined);
    expect(byActor.items.map((entry) => entry.sequence)).toEqual([1, 3]);
  });

  it('serialises concurrent appends into one unbroken chain', async () => {
    const trail = new AuditTrail(await storageClientsFor('auditrace'), key);
    await Promise.all(Array.from({ length: 8 }, (_, index) => trail.append(event(index))));
    const all = await trail.list({}, 100, undefined);
    expect(all.items.map((entry) => entry.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await trail.verify()).valid).toBe(true);
  });

  it('finds an entry edited directly in the table', async () => {
    const storage = await storageClientsFor('audittamper');
    const trail = new AuditTrail(storage, key);
    for (let index = 1; index <= 5; index++) await trail.append(event(index));
    const table = await storage.table('audit');
    const row = await table.getEntity<{ actor: string }>('chain', 'e|000000000003');
    await table.updateEntity({ partitionKey: 'chain', rowKey: 'e|000000000003', actor: 'someone-else' }, 'Merge', {
      etag: row.etag,
    });
    expect(await trail.verify()).toMatchObject({
      valid: false,
      brokenAt: 3,
      reason: 'its content does not match its HMAC',
    });
  });

  it('finds a deleted entry, and a chain checked with another key fails', async () => {
    const storage = await storageClientsFor('auditdelete');
    const trail = new AuditTrail(storage, key);
    for (let index = 1; index <= 3; index++) await trail.append(event(index));
    const otherKey = new AuditTrail(storage, new SettingAuditKey('another-key-that-is-also-long-enough-0001'));
    expect(await otherKey.verify()).toMatchObject({ valid: false, brokenAt: 1 });
    await (await storage.table('audit')).deleteEntity('chain', 'e|000000000002');
    expect(await trail.verify()).toMatchObject({ valid: false, brokenAt: 3, reason: 'expected entry 2, found 3' });
  });
});

describe('the audit key', () => {
  it('reads the HMAC key once from a Key Vault secret and refuses short keys', async () => {
    let reads = 0;
    const vault: SecretReader = {
      getSecret: (name) => {
        reads++;
        return Promise.resolve({ value: name === 'audit-hmac' ? 'k'.repeat(48) : 'short' });
      },
    };
    const source = new KeyVaultAuditKey(vault, 'audit-hmac');
    expect((await source.key()).length).toBe(48);
    await source.key();
    expect(reads).toBe(1);
    await expect(new KeyVaultAuditKey(vault, 'other').key()).rejects.toThrow(/at least 32/);
    await expect(new SettingAuditKey('too short').key()).rejects.toThrow(/at least 32/);
  });
});
