import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import type { AuditVerification } from './anchoredVerification.js';
import { auditActions, type AuditEntry } from './auditRecords.js';

/** What the audit routes answer, for the OpenAPI document; each checked against its type below. */

export const auditEntrySchema = z.object({
  actor: z.string(),
  action: z.enum(auditActions),
  target: z.string().describe('What was acted on, e.g. models/stress-cnn/stages/production'),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  sequence: z.number(),
  at: z.string(),
  previousHash: z.string(),
  hash: z.string(),
});

const chainVerificationSchema = z.discriminatedUnion('valid', [
  z.object({ valid: z.literal(true), entries: z.number(), lastHash: z.string() }),
  z.object({ valid: z.literal(false), entries: z.number(), brokenAt: z.number(), reason: z.string() }),
]);

export const auditVerificationSchema = z.object({
  result: z.enum(['intact', 'unanchored', 'truncated', 'broken', 'checkpoint-invalid']),
  valid: z.boolean().describe('True for intact and unanchored'),
  detail: z.string(),
  entries: z.number().describe('Entries that verified'),
  chain: chainVerificationSchema,
  checkpoint: z
    .object({ sequence: z.number(), headHash: z.string(), at: z.string().nullable(), blob: z.string() })
    .nullable(),
  checkpoints: z.number(),
});

type _Entry = Expect<SameShape<AuditEntry, z.output<typeof auditEntrySchema>>>;
type _Verification = Expect<SameShape<AuditVerification, z.output<typeof auditVerificationSchema>>>;
