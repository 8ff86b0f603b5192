import { z } from 'zod';

/** The message the blob extension puts on its queue for each new blob version. */
export interface BlobTriggerMessage {
  Type: 'BlobTrigger';
  FunctionId: string;
  BlobType: 'BlockBlob';
  ContainerName: string;
  BlobName: string;
  ETag: string;
}

const messageSchema = z.object({
  Type: z.literal('BlobTrigger'),
  FunctionId: z.string().min(1),
  BlobType: z.literal('BlockBlob'),
  ContainerName: z.string().min(1),
  BlobName: z.string().min(1),
  ETag: z.string().min(1),
});

const functionIdPrefix = 'Host.Functions.';

export function functionIdOf(functionName: string): string {
  return `${functionIdPrefix}${functionName}`;
}

export function functionNameOf(functionId: string): string {
  return functionId.startsWith(functionIdPrefix) ? functionId.slice(functionIdPrefix.length) : functionId;
}

/** Queue messages are base64 JSON, the Functions queue default, so a queue trigger can read the poison queue. */
export function encodeBlobTriggerMessage(message: BlobTriggerMessage): string {
  return Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
}

export function decodeBlobTriggerMessage(text: string): BlobTriggerMessage | undefined {
  try {
    const parsed = messageSchema.safeParse(JSON.parse(Buffer.from(text, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not base64 JSON at all: the caller drops such a message as unreadable.
    return undefined;
  }
}

/** Listings return ETags bare and property calls return them quoted; compare them one way. */
export function quotedEtag(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}
