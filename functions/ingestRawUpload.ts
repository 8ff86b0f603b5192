import { app, type InvocationContext } from '@azure/functions';
import { containers, functionNames } from '../src/functionNames.js';
import { recordRawUpload, sha256Hex } from '../src/uploads/rawUploadLedger.js';
import { appStorage } from '../src/storage/appStorage.js';
import { blobTriggerEtag } from './shared/blobTriggerMetadata.js';

export async function ingestRawUploadHandler(content: unknown, context: InvocationContext): Promise<void> {
  if (!Buffer.isBuffer(content)) throw new Error('The blob trigger did not hand over the blob content as bytes.');
  const name = String(context.triggerMetadata?.name);
  const upload = await recordRawUpload(appStorage(), {
    container: containers.raw,
    blobName: name,
    etag: blobTriggerEtag(context),
    sizeBytes: content.length,
    sha256: sha256Hex(content),
  });
  context.log(`Recorded ${containers.raw}/${name}: ${upload.sizeBytes} bytes, sha256 ${upload.sha256}`);
}

app.storageBlob(functionNames.ingestRawUpload, {
  path: `${containers.raw}/{name}`,
  connection: 'AzureWebJobsStorage',
  // Flex Consumption delivers blob triggers from Event Grid only; the local host scans instead.
  source: 'EventGrid',
  handler: ingestRawUploadHandler,
});
