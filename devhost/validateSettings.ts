import type { z } from 'zod';

/** Settings the local host cannot start with; start.ts prints the message and exits. */
export class HostSettingsError extends Error {
  override readonly name = 'HostSettingsError';
}

/** The host's settings from the environment (local.settings.json applied), every issue named. */
export function validateSettings<Schema extends z.ZodType>(
  schema: Schema,
  environment: NodeJS.ProcessEnv,
): z.infer<Schema> {
  const parsed = schema.safeParse(environment);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `\n  - ${issue.path.join('.')}: ${issue.message}`);
  throw new HostSettingsError(`Invalid local host settings:${issues.join('')}`);
}
