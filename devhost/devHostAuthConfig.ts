import { z } from 'zod';
import type { DevelopmentCaller } from './http/clientPrincipalHeaders.js';
import { validateSettings } from './validateSettings.js';

const actorSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  roles: z.array(z.enum(['Researcher', 'ModelApprover', 'ComplianceOfficer', 'Admin'])),
});

const schema = z.object({
  DEVHOST_AUTH_TOKENS: z
    .string()
    .default('{}')
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be a JSON object of token → {id, name, roles}' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().min(16, 'tokens are at least 16 characters'), actorSchema)),
});

/**
 * Development bearer tokens and the callers they stand for (local.settings.json), with which the
 * local host plays App Service Authentication. Never read in Azure, where Entra ID issues tokens.
 */
export function parseDevHostAuthTokens(environment: NodeJS.ProcessEnv): ReadonlyMap<string, DevelopmentCaller> {
  return new Map(Object.entries(validateSettings(schema, environment).DEVHOST_AUTH_TOKENS));
}
