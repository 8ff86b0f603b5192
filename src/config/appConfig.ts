import { parseAppConfig, type AppConfig } from './environment.js';
import { parseRegistryConfig, type RegistryConfig } from './registryConfig.js';
import { parseAuditKeyConfig, type AuditKeyConfig } from './auditConfig.js';
import { parseContinuousTrainingConfig, type ContinuousTrainingConfig } from './continuousTrainingConfig.js';
import { parseDriftConfig, type DriftConfig } from './driftConfig.js';
import { parseHostileInputConfig, type HostileInputConfig } from './hostileInputConfig.js';

export interface AppSettings extends AppConfig {
  registry: RegistryConfig;
  /** Undefined when neither KEY_VAULT_URI nor AUDIT_HMAC_KEY is set; auditing then refuses to run. */
  auditKey: AuditKeyConfig | undefined;
  continuousTraining: ContinuousTrainingConfig;
  drift: DriftConfig;
  hostileInput: HostileInputConfig;
}

let cached: AppSettings | undefined;

/** The configuration of this process, parsed and validated on first use. */
export function appConfig(): AppSettings {
  if (cached === undefined) {
    const registry = parseRegistryConfig(process.env);
    cached = {
      ...parseAppConfig(process.env),
      registry,
      auditKey: parseAuditKeyConfig(process.env),
      continuousTraining: parseContinuousTrainingConfig(process.env, registry),
      drift: parseDriftConfig(process.env),
      hostileInput: parseHostileInputConfig(process.env),
    };
  }
  return cached;
}
