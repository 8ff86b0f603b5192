import { z } from 'zod';
import { validate } from '../../platform/config/environment.js';

export interface AuditCheckpointConfig {
  /** NCRONTAB (six fields, UTC) of the timer that writes the audit chain's checkpoints. */
  schedule: string;
}

const sixFields = /^\S+(\s+\S+){5}$/;

const schema = z.object({
  AUDIT_CHECKPOINT_SCHEDULE: z
    .string()
    .trim()
    .regex(sixFields, 'an NCRONTAB expression of six fields, e.g. 0 */15 * * * *')
    .default('0 */15 * * * *'),
});

/**
 * Default every 15 minutes: entries appended since the last checkpoint are not anchored yet, so
 * the schedule is the longest stretch at the chain's end that could be cut without a trace.
 * Read when the functions are registered (a timer's schedule is fixed at registration).
 */
export function parseAuditCheckpointConfig(environment: NodeJS.ProcessEnv): AuditCheckpointConfig {
  return { schedule: validate(schema, environment).AUDIT_CHECKPOINT_SCHEDULE };
}
