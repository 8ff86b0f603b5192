import { describe, expect, it } from 'vitest';
import { SubjectRows, subjectRowKeys } from '../../../src/domain/subjects/subjectRows.js';
import { storageClientsFor } from '../../support/isolatedStorage.js';

/*
 * Models the Table service's conditional writes the labelling status relies on:
 * Insert Entity answers 409 Conflict when the row exists
 * (https://learn.microsoft.com/en-us/rest/api/storageservices/insert-entity), and Update Entity
 * with an If-Match ETag answers 412 Precondition Failed when the row changed since, 404 when it is
 * gone (https://learn.microsoft.com/en-us/rest/api/storageservices/update-entity2).
 */
describe('conditional writes of a subject row', () => {
  it('lets exactly one of two writers that read the same version win, and the loser can retry', async () => {
    const rows = new SubjectRows(await storageClientsFor('subjrows'));
    const key = subjectRowKeys.labelling;
    const at = new Date().toISOString();
    expect(await rows.putIfUnchanged('S2', key, undefined, { state: 'a', updatedAt: at })).toBe(true);
    expect(await rows.putIfUnchanged('S2', key, undefined, { state: 'b', updatedAt: at })).toBe(false);

    const read = (await rows.all('S2')).get(key);
    if (read === undefined) throw new Error('row missing');
    expect(await rows.putIfUnchanged('S2', key, read.etag, { state: 'c', updatedAt: at })).toBe(true);
    expect(await rows.putIfUnchanged('S2', key, read.etag, { state: 'd', updatedAt: at })).toBe(false);

    const again = (await rows.all('S2')).get(key);
    expect(again?.values.state).toBe('c');
    expect(await rows.putIfUnchanged('S2', key, again?.etag, { state: 'e', updatedAt: at })).toBe(true);
  });
});
