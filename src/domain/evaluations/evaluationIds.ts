import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { newRunId } from '../runs/runIds.js';

/** Like run ids (runIds.ts): newer evaluations get smaller ids. */
export const evaluationId = z.string().regex(/^e\d{13}[0-9a-f]{8}$/, 'an evaluation id');

const maxMillis = 9_999_999_999_999;

export function newEvaluationId(now: Date, suffix = randomBytes(4).toString('hex')): string {
  return `e${String(maxMillis - now.getTime()).padStart(13, '0')}${suffix}`;
}

/**
 * The run id of one (configuration, fold): derived, never random, so a retried or replayed
 * planning step names the same runs and the same durable instances (finished folds are found,
 * not redone). Its time part is the evaluation's, so the folds list together.
 */
export function foldRunId(evaluation: string, createdAt: Date, configuration: number, fold: number): string {
  const suffix = createHash('sha256').update(`${evaluation}/${configuration}/${fold}`).digest('hex').slice(0, 8);
  return newRunId(createdAt, suffix);
}
