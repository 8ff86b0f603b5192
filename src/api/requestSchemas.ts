import { z } from 'zod';
import {
  subjectId,
  windowSetVersion,
  modelName,
  semanticVersion,
  stageName,
  runId,
  experimentName,
} from '../domain/identifiers.js';
import { auditActions } from '../domain/audit/auditRecords.js';

/**
 * The shapes of what clients send, used both to validate requests at the edge (functions/) and
 * to describe them in the OpenAPI document, so the two cannot drift apart.
 */

export const reason = z.string().trim().min(1).max(1000);

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

export const runParams = z.object({ runId });
export const experimentParams = z.object({ experiment: experimentName });
export const runListQuery = z.object({
  experiment: experimentName.optional(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']).optional(),
  createdFrom: z.iso.datetime().optional(),
  createdTo: z.iso.datetime().optional(),
  /** e.g. metrics.test_auc>0.9; repeat the parameter for several conditions. */
  filter: z.string().max(200).optional(),
  /** e.g. metrics.test_auc, params.learning_rate or createdAt. */
  orderBy: z
    .string()
    .regex(/^(createdAt|(metrics|params)\.[A-Za-z][A-Za-z0-9_]{0,63})$/)
    .optional(),
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

/** POST /uploads/sweep: `{}` sweeps; `{"dryRun": true}` only counts what a sweep would ingest. */
export const uploadSweepBody = z.object({ dryRun: z.boolean().default(false) }).strict();
