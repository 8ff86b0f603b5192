import { parseAppConfig, type AppConfig } from '../platform/config/environment.js';
import { parseRegistryConfig, type RegistryConfig } from '../domain/registry/registryConfig.js';
import { parseAuditKeyConfig, type AuditKeyConfig } from '../domain/audit/auditConfig.js';
import {
  parseContinuousTrainingConfig,
  type ContinuousTrainingConfig,
} from '../domain/continuous/continuousTrainingConfig.js';
import { parseDriftConfig, type DriftConfig } from '../domain/drift/driftConfig.js';
import { parsePreprocessingConfig, type PreprocessingConfig } from '../domain/datasets/preprocessingConfig.js';
import { parseHostileInputConfig, type HostileInputConfig } from '../domain/wesad/hostileInputConfig.js';

export interface AppSettings extends AppConfig {
  registry: RegistryConfig;
  /** Undefined when neither KEY_VAULT_URI nor AUDIT_HMAC_KEY is set; auditing then refuses to run. */
  auditKey: AuditKeyConfig | undefined;
  continuousTraining: ContinuousTrainingConfig;
  drift: DriftConfig;
  preprocessing: PreprocessingConfig;
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
      preprocessing: parsePreprocessingConfig(process.env),
      hostileInput: parseHostileInputConfig(process.env),
    };
  }
  return cached;
}
