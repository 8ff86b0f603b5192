import { createHash } from 'node:crypto';
import type { BlobServiceClient } from '@azure/storage-blob';
import { isStatus } from '../../platform/storage/restErrors.js';
import type { AuditEvent } from './auditRecords.js';

/*
 * Table Storage limits a string property to 64 KiB (UTF-16, so 32,768 characters) and an entity
 * to 1 MiB ("Understanding the Table service data model", Microsoft Learn); Azurite enforces the
 * same (PropertyValueTooLarge, EntityTooLarge). An audit entry's details are one JSON property,
 * so details beyond a bound go to a blob instead, named by their sha256, and the entry keeps a
 * reference, the hash and the small values. The HMAC covers the entry as stored, so the chain
 * still proves the details through their hash; a reader checks the blob against it.
 */

/** Details up to this many UTF-16 characters stay in the row: half the property limit. */
export const INLINE_DETAILS_CHARS = 16_384;
/** A value this short stays in the row next to the reference, so filters and readers still see counts. */
const KEPT_VALUE_CHARS = 256;

export const auditDetailsContainer = 'audit-details';

type Details = AuditEvent['details'];

/** JSON text length in UTF-16 code units, the unit Table Storage limits strings in. */
export function detailsChars(details: Details): number {
  return JSON.stringify(details).length;
}

/**
 * The details to store in the row: unchanged when small, otherwise the small values plus
 * `detailsBlob`, `detailsSha256` and `detailsBytes` after the whole details were written to the
 * blob (content-addressed, so a retried append writes the same blob).
 */
export async function rowSizedDetails(blobs: BlobServiceClient, details: Details): Promise<Details> {
  if (detailsChars(details) <= INLINE_DETAILS_CHARS) return details;
  const content = Buffer.from(JSON.stringify(details), 'utf8');
  const sha256 = createHash('sha256').update(content).digest('hex');
  const name = `details/${sha256}.json`;
  const container = blobs.getContainerClient(auditDetailsContainer);
  await container.createIfNotExists();
  try {
    await container.getBlockBlobClient(name).upload(content, content.length, {
      conditions: { ifNoneMatch: '*' },
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  } catch (error: unknown) {
    // The same details were stored before (same name, same content).
    if (!isStatus(error, 409)) throw error;
  }
  const kept = Object.fromEntries(
    Object.entries(details).filter(([, value]) => JSON.stringify(value).length <= KEPT_VALUE_CHARS),
  );
  return {
    ...kept,
    detailsBlob: `${auditDetailsContainer}/${name}`,
    detailsSha256: sha256,
    detailsBytes: content.length,
  };
}
