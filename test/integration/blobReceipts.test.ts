import { beforeAll, describe, expect, it } from 'vitest';
import { BlobReceipts } from '../../devhost/blob/blobReceipts.js';
import { containerOf, uniqueName } from '../support/testStorage.js';

const hostContainer = containerOf('azure-webjobs-hosts');

beforeAll(async () => {
  await hostContainer.createIfNotExists();
});

describe('blob receipts in Azurite', () => {
  it('hands a version to exactly one caller, and never again once completed', async () => {
    const receipts = new BlobReceipts(hostContainer, uniqueName('receipts-'));
    const name = receipts.receiptName('Host.Functions.f', '"0xABC"', 'wesad-raw', 'S2/S2.pkl');
    const first = await receipts.tryBegin(name);
    expect(first).toBeDefined();
    expect(await receipts.tryBegin(name)).toBeUndefined();
    if (first === undefined) throw new Error('unreachable');
    await receipts.complete(first);
    expect(await receipts.tryBegin(name)).toBeUndefined();
  });

  it('gives an incomplete receipt left by a crash to the next scan once its lease is released', async () => {
    const receipts = new BlobReceipts(hostContainer, uniqueName('receipts-'));
    const name = receipts.receiptName('Host.Functions.f', '"0xDEF"', 'wesad-raw', 'S3.pkl');
    const crashed = await receipts.tryBegin(name);
    if (crashed === undefined) throw new Error('expected the first caller to hold the receipt');
    // A crash after creating the receipt but before enqueueing: the lease lapses (here: released).
    await crashed.lease.releaseLease();
    const retried = await receipts.tryBegin(name);
    expect(retried).toBeDefined();
  });

  it('names receipts the way the blob extension does', () => {
    const receipts = new BlobReceipts(hostContainer, 'host1');
    expect(receipts.receiptName('Host.Functions.ingest', '"0x8D"', 'wesad-raw', 'S2/S2.pkl')).toBe(
      'blobreceipts/host1/Host.Functions.ingest/0x8D/wesad-raw/S2/S2.pkl',
    );
  });
});
