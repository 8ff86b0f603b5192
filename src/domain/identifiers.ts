import { z } from 'zod';

/** The names the domain gives its things, validated the same way wherever they enter. */
export const subjectId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a subject id such as S2');
export const windowSetVersion = z.string().regex(/^[0-9a-f]{16}$/, 'a 16-hex-digit window set version');
export const modelName = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a model name (lower-case, digits, hyphens)');
export const semanticVersion = z.string().regex(/^\d+\.\d+\.\d+$/, 'MAJOR.MINOR.PATCH');
export const stageName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a stage name');
export const runId = z.string().regex(/^r\d{13}[0-9a-f]{8}$/, 'a run id');
export const experimentName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'an experiment name');
