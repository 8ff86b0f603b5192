import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import type { ErasureReport } from './subjectErasure.js';

/** DELETE /api/subjects/{subject}'s body, for the OpenAPI document; checked against ErasureReport below. */
export const erasureReportSchema = z.object({
  subject: z.string(),
  rawBlobsDeleted: z.array(z.string()),
  windowSetBlobsDeleted: z.number(),
  tableRowsDeleted: z.number(),
  runsFlagged: z.array(z.string()),
  versionsFlagged: z.array(z.string()),
});

type _Matches = Expect<SameShape<ErasureReport, z.output<typeof erasureReportSchema>>>;
