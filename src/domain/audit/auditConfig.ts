import { z } from 'zod';
import { validate } from '../../platform/config/environment.js';

/** Where the audit chain's HMAC key is read: Key Vault in Azure, a setting locally. */
export type AuditKeyConfig =
  | { kind: 'keyVault'; vaultUri: string; secretName: string; clientId: string | undefined }
  | { kind: 'setting'; value: string };

const schema = z.object({
  KEY_VAULT_URI: z.url({ protocol: /^https$/ }).optional(),
  AUDIT_HMAC_SECRET_NAME: z
    .string()
    .regex(/^[0-9a-zA-Z-]{1,127}$/)
    .default('audit-hmac-key'),
  AZURE_CLIENT_ID: z.string().min(1).optional(),
  AUDIT_HMAC_KEY: z.string().min(32, 'at least 32 characters').optional(),
});

/** Key Vault wins when configured; without either, the app cannot audit and says so. */
export function parseAuditKeyConfig(environment: NodeJS.ProcessEnv): AuditKeyConfig | undefined {
  const values = validate(schema, environment);
  if (values.KEY_VAULT_URI !== undefined) {
    return {
      kind: 'keyVault',
      vaultUri: values.KEY_VAULT_URI,
      secretName: values.AUDIT_HMAC_SECRET_NAME,
      clientId: values.AZURE_CLIENT_ID,
    };
  }
  if (values.AUDIT_HMAC_KEY !== undefined) return { kind: 'setting', value: values.AUDIT_HMAC_KEY };
  return undefined;
}
