import { randomUUID } from 'node:crypto';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';

/** Activities leave a marker blob per run, so tests count side effects in storage, not in memory. */
export const durableMarkerContainer = 'durable-markers';

async function markers(): Promise<ContainerClient> {
  const connectionString = process.env.AzureWebJobsStorage;
  if (connectionString === undefined) throw new Error('AzureWebJobsStorage is not set');
  const container = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(durableMarkerContainer);
  await container.createIfNotExists();
  return container;
}

export async function leaveMarker(kind: string, run: string, step: string): Promise<void> {
  const container = await markers();
  await container.getBlockBlobClient(`${kind}/${run}/${step}/${randomUUID()}`).upload('', 0);
}

export async function markerCount(kind: string, run: string, step: string): Promise<number> {
  const container = await markers();
  let count = 0;
  for await (const blob of container.listBlobsFlat({ prefix: `${kind}/${run}/${step}/` })) {
    if (blob.name !== '') count++;
  }
  return count;
}
