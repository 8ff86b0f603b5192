import { parseAppConfig, type AppConfig } from './environment.js';
import { parseRegistryConfig, type RegistryConfig } from './registryConfig.js';
import { parseAuditKeyConfig, type AuditKeyConfig } from './auditConfig.js';

export interface AppSettings extends AppConfig {
  registry: RegistryConfig;
  /** Undefined when neither KEY_VAULT_URI nor AUDIT_HMAC_KEY is set; auditing then refuses to run. */
  auditKey: AuditKeyConfig | undefined;
}

let cached: AppSettings | undefined;

/** The configuration of this process, parsed and validated on first use. */
export function appConfig(): AppSettings {
  cached ??= {
    ...parseAppConfig(process.env),
    registry: parseRegistryConfig(process.env),
    auditKey: parseAuditKeyConfig(process.env),
  };
  return cached;
}
