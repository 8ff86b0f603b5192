import * as df from 'durable-functions';
import { appStorage } from '../src/app/appStorage.js';
import { ingestRawUpload } from '../src/workflows/ingestion/rawUploadIngestion.js';
import { defaultSweepOptions, sweepRawUploads } from '../src/workflows/ingestion/uploadSweep.js';
import { jsonBodyOf } from './shared/jsonBody.js';
import { uploadSweepBody } from '../src/api/requestSchemas.js';
import { registerHttpOperation } from './shared/httpOperation.js';
import { rawUploadIngestion } from './ingestRawUpload.js';

/** POST /api/uploads/sweep (Admin): the blobs Event Grid never announced go through the same ingestion. */
registerHttpOperation(
  'sweepUploads',
  async (request, context) => {
    const { dryRun } = await jsonBodyOf(request, uploadSweepBody);
    const ingestion = rawUploadIngestion(context);
    const report = await sweepRawUploads(
      appStorage(),
      async (blob) => {
        const { upload, signalled } = await ingestRawUpload(ingestion, blob);
        context.log(`swept ${upload.container}/${upload.blobName}: ${upload.status}`);
        for (const [experiment, outcome] of signalled) context.log(`continuous training of ${experiment}: ${outcome}`);
        return upload;
      },
      { ...defaultSweepOptions, dryRun },
    );
    return {
      jsonBody: report,
      audit: {
        target: 'wesad-raw',
        details: {
          listed: report.listed,
          known: report.known,
          ingested: report.ingested.length,
          remaining: report.remaining,
          dryRun,
        },
      },
    };
  },
  [df.input.durableClient()],
);
