import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import { uploadStatuses } from '../../domain/datasets/uploadLedger.js';
import type { SweepReport } from './uploadSweep.js';

/** POST /api/uploads/sweep's body, for the OpenAPI document; checked against SweepReport below. */
export const sweepReportSchema = z.object({
  listed: z.number().describe('Blobs listed in the container'),
  known: z.number().describe('Versions that already had an upload row: left alone'),
  ingested: z.array(z.object({ blobName: z.string(), etag: z.string(), status: z.enum(uploadStatuses) })),
  remaining: z.number().describe('Versions left for the next call because the time budget ran out'),
  complete: z.boolean(),
});

type _Matches = Expect<SameShape<SweepReport, z.output<typeof sweepReportSchema>>>;
