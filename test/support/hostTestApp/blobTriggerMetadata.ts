import type { InvocationContext } from '@azure/functions';

/**
 * The ETag of the blob version that fired the trigger. The host sends it in Properties.ETag and
 * the library camel-cases every key of trigger metadata, so it arrives as `properties.eTag`.
 */
export function blobTriggerEtag(context: InvocationContext): string {
  const properties = context.triggerMetadata?.properties as { eTag?: unknown } | undefined;
  if (typeof properties?.eTag !== 'string') throw new Error('The blob trigger carried no ETag in its Properties.');
  return properties.eTag;
}
