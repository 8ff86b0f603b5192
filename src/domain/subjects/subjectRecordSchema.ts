import { z } from 'zod';
import type { Expect, SameShape } from '../../platform/schema/sameShape.js';
import { datasetRecordSchema, uploadRecordSchema } from '../datasets/datasetSchemas.js';
import { SELF_REPORT_INSTRUMENTS } from '../wesad/e4/questSelfReports.js';
import type { SubjectRecord } from './subjectRecord.js';

/** GET /api/subjects/{subject}'s body, for the OpenAPI document; checked against SubjectRecord below. */

const labellingStatusSchema = z.object({
  state: z.enum(['labelled', 'unlabelled']),
  exportVersion: z.string(),
  missing: z.array(z.string()).describe('What has to be uploaded or stated before the export can be labelled'),
  problems: z.array(z.string()),
  version: z.string().nullable().describe('The labelled window set, when labelled'),
  offset: z.object({ offsetSeconds: z.number(), source: z.enum(['stated', 'pickle', 'respiban']) }).nullable(),
  sequence: z.number(),
  updatedAt: z.string(),
});

export const subjectRecordSchema = z.object({
  subject: z.string(),
  protocol: z
    .object({
      phases: z.array(
        z.object({
          name: z.string(),
          condition: z.enum(['baseline', 'stress', 'amusement', 'meditation', 'reading', 'other']),
          label: z.number().nullable(),
          startSeconds: z.number(),
          endSeconds: z.number(),
        }),
      ),
      selfReports: z.array(
        z.object({
          instrument: z.enum(SELF_REPORT_INSTRUMENTS),
          phase: z.string().nullable(),
          answers: z.array(z.number().nullable()),
        }),
      ),
      sourceBlob: z.string().nullable(),
      updatedAt: z.string().nullable(),
    })
    .nullable(),
  e4: z.object({
    export: z
      .object({ kind: z.string(), sourceName: z.string(), unlabelledVersion: z.string(), startUnix: z.number() })
      .nullable(),
    offsets: z.object({
      stated: z
        .object({
          offsetSeconds: z.number(),
          reason: z.string().nullable(),
          actor: z.string().nullable(),
          updatedAt: z.string().nullable(),
        })
        .nullable(),
      pickle: z.object({ offsetSeconds: z.number().nullable(), problem: z.string().nullable() }).nullable(),
      respiban: z
        .object({
          chestStartUnix: z.number(),
          localDate: z.string().nullable(),
          localTime: z.string().nullable(),
          timeZone: z.string().nullable(),
        })
        .nullable(),
    }),
    labelling: labellingStatusSchema.nullable(),
  }),
  pickle: z
    .object({ blobName: z.string().nullable(), sha256: z.string().nullable(), updatedAt: z.string().nullable() })
    .nullable(),
  datasets: z.array(datasetRecordSchema),
  uploads: z.array(uploadRecordSchema),
});

type _Matches = Expect<SameShape<SubjectRecord, z.output<typeof subjectRecordSchema>>>;
