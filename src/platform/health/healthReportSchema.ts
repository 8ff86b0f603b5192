import { z } from 'zod';
import type { Expect, SameShape } from '../schema/sameShape.js';
import type { HealthReport } from './healthReport.js';

/** GET /api/health's body, for the OpenAPI document; checked against HealthReport below. */
const serviceCheckSchema = z.object({
  status: z.enum(['ok', 'unreachable']),
  detail: z.string().optional(),
});

export const healthReportSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  app: z.string(),
  version: z.string(),
  host: z.enum(['azure-functions', 'azure-functions-core-tools', 'local-devhost', 'unknown']),
  storage: z.object({ blob: serviceCheckSchema, queue: serviceCheckSchema, table: serviceCheckSchema }),
});

type _Matches = Expect<SameShape<HealthReport, z.output<typeof healthReportSchema>>>;
