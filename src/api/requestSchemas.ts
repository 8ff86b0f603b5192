import { z } from 'zod';
import { auditActions } from '../audit/auditRecords.js';
import { runStatuses } from '../tracking/runRecords.js';

/**
 * The shapes of what clients send, used both to validate requests at the edge (functions/) and
 * to describe them in the OpenAPI document, so the two cannot drift apart.
 */

export const subjectId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a subject id such as S2');
export const windowSetVersion = z.string().regex(/^[0-9a-f]{16}$/, 'a 16-hex-digit window set version');
export const modelName = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a model name (lower-case, digits, hyphens)');
export const semanticVersion = z.string().regex(/^\d+\.\d+\.\d+$/, 'MAJOR.MINOR.PATCH');
export const stageName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a stage name');
export const reason = z.string().trim().min(1).max(1000);

export const pageQuery = z.object({
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
  continuationToken: z.string().min(1).max(2048).optional(),
});

export const datasetParams = z.object({ subject: subjectId, version: windowSetVersion });
export const datasetQuery = z.object({
  subject: subjectId.optional(),
  kind: z.enum(['labelled', 'unlabelled']).optional(),
});
export const uploadQuery = z.object({
  status: z.enum(['processing', 'waiting', 'ready', 'failed', 'superseded']).optional(),
});

export const modelParams = z.object({ name: modelName });
export const versionParams = modelParams.extend({ version: semanticVersion });
export const stageParams = modelParams.extend({ stage: stageName });
export const assignStageBody = z.object({ version: semanticVersion, reason });
export const versionStatusBody = z.object({ status: z.enum(['deprecated', 'archived']), reason });
export const unassignQuery = z.object({ reason: reason.optional() });

export const runId = z.string().regex(/^r\d{13}[0-9a-f]{8}$/, 'a run id');
export const experimentName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'an experiment name');
export const runParams = z.object({ runId });
export const experimentParams = z.object({ experiment: experimentName });
export const runListQuery = z.object({
  experiment: experimentName.optional(),
  status: z.enum(runStatuses).optional(),
  createdFrom: z.iso.datetime().optional(),
  createdTo: z.iso.datetime().optional(),
  /** Parsed by src/tracking/runFilterGrammar.ts (400 with the position of an error); repeatable. */
  filter: z
    .string()
    .optional()
    .describe(
      "Conditions joined by 'and', e.g. metrics.test_auc>0.9 and params.activation=relu; repeat the parameter for more",
    ),
  /** Parsed by src/tracking/runFilterGrammar.ts (400 for an unknown field). */
  orderBy: z.string().optional().describe('createdAt, params.<name> or metrics.<name>'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const runCompareQuery = z.object({
  ids: z
    .string()
    .transform((text) => text.split(',').map((id) => id.trim()))
    .pipe(z.array(runId).min(2).max(20)),
});

export const auditQuery = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z.enum(auditActions).optional(),
});

export const subjectParams = z.object({ subject: subjectId });

export const storedRecordingBody = z.object({ subject: subjectId, version: windowSetVersion }).strict();
