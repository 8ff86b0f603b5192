import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import type { ModelSummary, ModelVersion, RegistryEvent, StageAssignment } from './registryRecords.js';
import type { GateCheck } from './stageGates.js';

/** What the model registry routes answer, for the OpenAPI document; each checked against its type below. */

export const evaluationBasisSchema = z.object({
  evaluationId: z.string(),
  scheme: z.string(),
  configuration: z.int().nonnegative(),
  folds: z.int().nonnegative(),
  means: z.record(z.string(), z.number()),
});

export const modelVersionSchema = z.object({
  model: z.string(),
  version: z.string(),
  runId: z.string(),
  datasetSnapshot: z.string().describe('Content hash of the dataset snapshot the run trained on'),
  artifactPath: z.string(),
  artifactSha256: z.string(),
  metrics: z.record(z.string(), z.number()),
  runCreatedBy: z.string(),
  registeredBy: z.string(),
  registeredAt: z.string(),
  status: z.enum(['active', 'deprecated', 'archived']),
  trainedOnErasedData: z.boolean(),
  family: z
    .string()
    .optional()
    .describe('The model family: cnn, feature-trees; absent on versions from before families'),
  evaluation: evaluationBasisSchema.optional(),
});

export const stageAssignmentSchema = z.object({
  model: z.string(),
  stage: z.string(),
  version: z.string(),
  assignedBy: z.string(),
  assignedAt: z.string(),
  reason: z.string(),
});

export const registryEventSchema = z.object({
  model: z.string(),
  sequence: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.enum([
    'version-registered',
    'stage-assigned',
    'stage-unassigned',
    'version-deprecated',
    'version-archived',
    'version-data-erased',
  ]),
  version: z.string().nullable(),
  stage: z.string().nullable(),
  fromVersion: z.string().nullable(),
  toVersion: z.string().nullable(),
  reason: z.string(),
});

export const modelSummarySchema = z.object({
  name: z.string(),
  etag: z.string().describe('Send it as If-Match to change the model safely'),
  latestVersion: z.string().nullable(),
  stages: z.record(z.string(), z.string()).describe('Stage name to the version in it'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const gateCheckSchema = z.object({ check: z.string(), passed: z.boolean(), detail: z.string() });

type _Version = Expect<SameShape<ModelVersion, z.output<typeof modelVersionSchema>>>;
type _Assignment = Expect<SameShape<StageAssignment, z.output<typeof stageAssignmentSchema>>>;
type _Event = Expect<SameShape<RegistryEvent, z.output<typeof registryEventSchema>>>;
type _Summary = Expect<SameShape<ModelSummary, z.output<typeof modelSummarySchema>>>;
type _Gate = Expect<SameShape<GateCheck, z.output<typeof gateCheckSchema>>>;
