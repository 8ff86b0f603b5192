import { describe, expect, it } from 'vitest';
import { BlobServiceClient } from '@azure/storage-blob';
import {
  durableSystemKeyName,
  loadOrCreateHostKeys,
  readHostKeys,
  secretsBlobName,
  secretsContainer,
} from '../../devhost/keys/hostKeys.js';
import { testConnectionString, uniqueName } from '../support/testStorage.js';

const blobs = BlobServiceClient.fromConnectionString(testConnectionString());

/**
 * "Work with access keys in Azure Functions" (function-keys-how-to): with the default blob secret
 * repository the host keeps its keys in `azure-webjobs-secrets/{hostId}/host.json`, creates them
 * on first start and keeps them across restarts; a system key is created for each extension
 * that asks for one (here the Durable extension's `durabletask_extension`).
 */
describe('the local host keys in Azurite', () => {
  it('are created once, in the host secrets document, and agreed on by hosts starting together', async () => {
    const hostId = uniqueName('keys-');
    expect(await readHostKeys(blobs, hostId)).toBeUndefined();
    const racing = await Promise.all(Array.from({ length: 6 }, () => loadOrCreateHostKeys(blobs, hostId)));
    const masters = new Set(racing.map((keys) => keys.masterKey));
    expect(masters.size).toBe(1);
    const again = await loadOrCreateHostKeys(blobs, hostId);
    expect(again.masterKey).toBe(racing[0]?.masterKey);
    expect(again.systemKey(durableSystemKeyName)).toBe(racing[0]?.systemKey(durableSystemKeyName));

    const stored = JSON.parse(
      (
        await blobs.getContainerClient(secretsContainer).getBlockBlobClient(secretsBlobName(hostId)).downloadToBuffer()
      ).toString(),
    ) as { masterKey: { name: string; value: string }; systemKeys: { name: string; value: string }[] };
    expect(stored.masterKey).toMatchObject({ name: 'master', value: again.masterKey });
    expect(stored.systemKeys.map((key) => key.name)).toEqual([durableSystemKeyName]);
    expect(again.masterKey.length).toBeGreaterThanOrEqual(50);
  });

  it('admit the master key and the named system key only', async () => {
    const keys = await loadOrCreateHostKeys(blobs, uniqueName('keys-'));
    const system = keys.systemKey(durableSystemKeyName);
    expect(keys.admits(durableSystemKeyName, system)).toBe(true);
    expect(keys.admits(durableSystemKeyName, keys.masterKey)).toBe(true);
    expect(keys.admits(durableSystemKeyName, undefined)).toBe(false);
    expect(keys.admits(durableSystemKeyName, '')).toBe(false);
    expect(keys.admits(durableSystemKeyName, system.slice(0, -1))).toBe(false);
    expect(keys.admits(durableSystemKeyName, `${system}x`)).toBe(false);
    expect(() => keys.admits('blobs_extension', system)).toThrow(/no system key named blobs_extension/);
  });
});
