import { appConfig } from './appConfig.js';
import { ConfigurationError } from '../platform/config/environment.js';
import { appStorage } from './appStorage.js';
import { AuditTrail } from '../domain/audit/auditTrail.js';
import { KeyVaultAuditKey, SettingAuditKey, type AuditKeySource } from '../domain/audit/auditKey.js';
import { AuditCheckpointStore, auditCheckpointContainer } from '../domain/audit/checkpointStore.js';

let trail: AuditTrail | undefined;
let keySource: AuditKeySource | undefined;

/** The audit key of this process: from Key Vault (Azure) or the settings (local). */
export function appAuditKey(): AuditKeySource {
  if (keySource !== undefined) return keySource;
  const config = appConfig().auditKey;
  if (config === undefined) {
    throw new ConfigurationError(['KEY_VAULT_URI (Azure) or AUDIT_HMAC_KEY (local) is needed to keep the audit trail']);
  }
  keySource =
    config.kind === 'keyVault'
      ? KeyVaultAuditKey.forVault(config.vaultUri, config.secretName, config.clientId)
      : new SettingAuditKey(config.value);
  return keySource;
}

/** The audit trail of this process, with its key from Key Vault (Azure) or the settings (local). */
export function appAuditTrail(): AuditTrail {
  trail ??= new AuditTrail(appStorage(), appAuditKey());
  return trail;
}

/** Where this process writes and reads the chain's checkpoints. */
export function appAuditCheckpoints(): AuditCheckpointStore {
  return new AuditCheckpointStore(appStorage().blobs.getContainerClient(auditCheckpointContainer));
}
