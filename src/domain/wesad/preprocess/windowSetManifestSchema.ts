import { z } from 'zod';
import type { Expect, SameShape } from '../../../platform/schema/sameShape.js';
import { ARTEFACT_RULE } from './artefacts.js';
import { PREPROCESSING_FORMATS } from './parameters.js';
import type { WindowSetManifest } from './windowSetOutput.js';

/**
 * manifest.json of a window set, as GET /api/datasets/{subject}/{version} serves it; checked
 * against WindowSetManifest below so the document and the writer cannot drift apart.
 */
const wristSignal = z.enum(['EDA', 'BVP', 'TEMP', 'ACC']);
const range = <Min extends number, Max extends number>(min: Min, max: Max) =>
  z.object({ min: z.literal(min), max: z.literal(max) });

const artefactReportSchema = z.object({
  rule: z.object({
    name: z.literal(ARTEFACT_RULE.name),
    tempCelsius: range(ARTEFACT_RULE.tempCelsius.min, ARTEFACT_RULE.tempCelsius.max),
    edaMicrosiemens: range(ARTEFACT_RULE.edaMicrosiemens.min, ARTEFACT_RULE.edaMicrosiemens.max),
    accFullScale: range(ARTEFACT_RULE.accFullScale.min, ARTEFACT_RULE.accFullScale.max),
    accFlatSeconds: z.literal(ARTEFACT_RULE.accFlatSeconds),
  }),
  excludedSeconds: z.number(),
  segments: z.array(
    z.object({
      startSeconds: z.number(),
      endSeconds: z.number(),
      reasons: z.array(z.enum(['temp-implausible', 'eda-implausible', 'acc-saturated', 'acc-flat'])),
    }),
  ),
});

export const windowSetManifestSchema = z.object({
  format: z.enum(PREPROCESSING_FORMATS),
  kind: z.enum(['labelled', 'unlabelled']),
  subject: z.string(),
  version: z.string(),
  contentSha256: z.string(),
  source: z.object({
    name: z.string(),
    etag: z.string().nullable(),
    sha256: z.string(),
    sizeBytes: z.number(),
    reader: z.enum(['pickle', 'e4-zip', 'e4-csv']),
  }),
  parameters: z.object({
    format: z.enum(PREPROCESSING_FORMATS),
    windowSeconds: z.number(),
    stepSeconds: z.number(),
    signals: z.array(wristSignal),
    includeMeditation: z.boolean(),
    ratesHz: z.partialRecord(wristSignal, z.number()),
  }),
  durationSeconds: z.number(),
  timeBase: z.enum(['recording-start', 'unix']),
  normalisation: z.partialRecord(wristSignal, z.object({ mean: z.number(), std: z.number() })),
  counts: z.object({ windows: z.number(), perClass: z.record(z.string(), z.number()) }),
  files: z.array(
    z.object({
      name: z.string(),
      bytes: z.number(),
      sha256: z.string(),
      dtype: z.string(),
      shape: z.array(z.number()),
    }),
  ),
  warnings: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
  artefacts: artefactReportSchema.optional(),
});

type _Matches = Expect<SameShape<WindowSetManifest, z.output<typeof windowSetManifestSchema>>>;
