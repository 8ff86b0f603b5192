import { appConfig } from './appConfig.js';
import { ConfigurationError } from '../platform/config/environment.js';
import { appStorage } from './appStorage.js';
import { KeyVaultAuditKey, SettingAuditKey } from '../domain/audit/auditKey.js';
import { AuditTrail } from '../domain/audit/auditTrail.js';

let trail: AuditTrail | undefined;

/** The audit trail of this process, with its key from Key Vault (Azure) or the settings (local). */
export function appAuditTrail(): AuditTrail {
  if (trail !== undefined) return trail;
  const config = appConfig().auditKey;
  if (config === undefined) {
    throw new ConfigurationError(['KEY_VAULT_URI (Azure) or AUDIT_HMAC_KEY (local) is needed to keep the audit trail']);
  }
  const key =
    config.kind === 'keyVault'
      ? KeyVaultAuditKey.forVault(config.vaultUri, config.secretName, config.clientId)
      : new SettingAuditKey(config.value);
  trail = new AuditTrail(appStorage(), key);
  return trail;
}
