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
import { uploadStatuses } from '../domain/datasets/uploadLedger.js';
import { runStatuses } from '../domain/runs/runRecords.js';
import { runRequestSchema } from '../domain/runs/runRequest.js';
import { runParamsInput } from '../domain/runs/runSchemas.js';
import { continuousTrainingSettingsSchema } from '../domain/continuous/continuousTrainingSettings.js';

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
  status: z.enum(uploadStatuses).optional(),
});

export const modelParams = z.object({ name: modelName });
export const versionParams = modelParams.extend({ version: semanticVersion });
export const stageParams = modelParams.extend({ stage: stageName });
/** Strict: an unknown field (a misspelt `reason`, a smuggled `approvedBy`) is refused with 422, never ignored. */
export const assignStageBody = z.strictObject({ version: semanticVersion, reason });
export const versionStatusBody = z.strictObject({ status: z.enum(['deprecated', 'archived']), reason });
export const unassignQuery = z.object({ reason: reason.optional() });

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
/** Seconds from the E4 recording's start to the chest device's start (quest time 0); a day either way at most. */
export const e4OffsetBody = z.object({ offsetSeconds: z.number().min(-86_400).max(86_400), reason }).strict();

export const storedRecordingBody = z.object({ subject: subjectId, version: windowSetVersion }).strict();

/** POST /uploads/sweep: `{}` sweeps; `{"dryRun": true}` only counts what a sweep would ingest. */
export const uploadSweepBody = z.object({ dryRun: z.boolean().default(false) }).strict();

/**
 * POST /api/runs and PUT …/continuous-training as the document shows them: `params` typed, with
 * each param's default and bounds. The handlers validate the same thing in two steps (the body,
 * then parseRunParams on its params), so these describe what is checked rather than replace it.
 */
export const runRequestBody = runRequestSchema.extend({ params: runParamsInput });
export const continuousTrainingSettingsBody = continuousTrainingSettingsSchema.extend({ params: runParamsInput });
