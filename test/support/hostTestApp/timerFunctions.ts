import { app } from '@azure/functions';
import { BlobServiceClient } from '@azure/storage-blob';

/** A timer for the local host tests: every two seconds it leaves a marker with what it was told. */
app.timer('ticksEveryTwoSeconds', {
  schedule: '*/2 * * * * *',
  handler: async (timer, context) => {
    const connectionString = process.env.AzureWebJobsStorage;
    if (connectionString === undefined) throw new Error('AzureWebJobsStorage is not set');
    const container = BlobServiceClient.fromConnectionString(connectionString).getContainerClient('test-markers');
    await container.createIfNotExists();
    const body = JSON.stringify(timer);
    const hostId = process.env.AzureFunctionsWebHost__hostid ?? 'unknown';
    await container.getBlockBlobClient(`timer/${hostId}/${context.invocationId}`).upload(body, Buffer.byteLength(body));
  },
});
