import { z } from 'zod';

/** The blob version a `Microsoft.Storage.BlobCreated` event announces. */
export interface CreatedBlob {
  container: string;
  blobName: string;
  etag: string;
  contentLength: number;
  url: string;
}

const eventSchema = z.object({
  eventType: z.literal('Microsoft.Storage.BlobCreated'),
  subject: z.string(),
  data: z.object({
    eTag: z.string().min(1),
    contentLength: z.number().int().min(0),
    url: z.url(),
  }),
});

const subjectPattern = /^\/blobServices\/default\/containers\/([^/]+)\/blobs\/(.+)$/;

export class UnexpectedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedEventError';
  }
}

/** Validates an Event Grid event at the edge; anything but a well-formed BlobCreated is refused. */
export function parseBlobCreatedEvent(event: unknown): CreatedBlob {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) throw new UnexpectedEventError(`Not a BlobCreated event: ${parsed.error.message}`);
  const subject = subjectPattern.exec(parsed.data.subject);
  if (subject?.[1] === undefined || subject[2] === undefined) {
    throw new UnexpectedEventError(`BlobCreated subject "${parsed.data.subject}" names no container and blob.`);
  }
  return {
    container: subject[1],
    blobName: subject[2],
    etag: parsed.data.data.eTag,
    contentLength: parsed.data.data.contentLength,
    url: parsed.data.data.url,
  };
}
