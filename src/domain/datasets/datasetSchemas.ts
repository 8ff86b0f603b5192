import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import type { DatasetRecord } from './datasetCatalog.js';
import type { LabellingNote } from './labellingNote.js';
import { uploadStatuses, type UploadRecord } from './uploadLedger.js';

/** What the dataset and upload routes answer, for the OpenAPI document; each checked against its type below. */

export const labellingNoteSchema = z.object({
  state: z.enum(['labelled', 'unlabelled']),
  missing: z.array(z.string()),
  problems: z.array(z.string()),
  labelledVersion: z.string().nullable().describe('The labelled window set made from this export, when there is one'),
  sequence: z.number(),
});

export const datasetRecordSchema = z.object({
  subject: z.string(),
  version: z.string(),
  kind: z.enum(['labelled', 'unlabelled']),
  format: z.string(),
  windows: z.number(),
  perClass: z.record(z.string(), z.number()),
  durationSeconds: z.number(),
  contentSha256: z.string(),
  sourceBlob: z.string(),
  sourceEtag: z.string().nullable(),
  sourceSha256: z.string(),
  sourceSizeBytes: z.number(),
  createdAt: z.string(),
  excludedSeconds: z
    .number()
    .optional()
    .describe('wesad-wrist-v2: seconds excluded as sensor artefacts; absent for v1'),
  labelling: labellingNoteSchema.optional(),
});

export const uploadKinds = [
  'subject-pickle',
  'e4-zip',
  'e4-csv',
  'quest',
  'readme',
  'respiban',
  'e4-side-file',
  'unsupported',
] as const;

export const uploadRecordSchema = z.object({
  container: z.string(),
  blobName: z.string(),
  etag: z.string(),
  kind: z.enum(uploadKinds),
  status: z.enum(uploadStatuses),
  sizeBytes: z.number(),
  sha256: z.string().nullable(),
  subject: z.string().nullable(),
  version: z.string().nullable(),
  errorCode: z.string().nullable().describe('Stable code of the refusal (e.g. FORBIDDEN_GLOBAL) when failed'),
  reason: z.string().nullable(),
  attempts: z.number(),
  updatedAt: z.string(),
});

type _Labelling = Expect<SameShape<LabellingNote, z.output<typeof labellingNoteSchema>>>;
type _Dataset = Expect<SameShape<DatasetRecord, z.output<typeof datasetRecordSchema>>>;
type _Upload = Expect<SameShape<UploadRecord, z.output<typeof uploadRecordSchema>>>;
