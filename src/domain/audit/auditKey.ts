import { SecretClient } from '@azure/keyvault-secrets';
import { DefaultAzureCredential } from '@azure/identity';
import { toError } from '../../platform/errors/describeError.js';

/** The one call of a Key Vault secret client the audit trail needs (SecretClient implements it). */
export interface SecretReader {
  getSecret(name: string): Promise<{ value?: string | undefined }>;
}

/** Where the audit chain's HMAC key comes from. */
export interface AuditKeySource {
  key(): Promise<Buffer>;
}

const minimumKeyBytes = 32;

function checkedKey(bytes: Buffer, origin: string): Buffer {
  if (bytes.length < minimumKeyBytes) {
    throw new Error(
      `The audit HMAC key from ${origin} has ${bytes.length} bytes; at least ${minimumKeyBytes} are needed.`,
    );
  }
  return bytes;
}

/** In Azure: a Key Vault secret, read once through the app's managed identity. */
export class KeyVaultAuditKey implements AuditKeySource {
  #key: Promise<Buffer> | undefined;

  constructor(
    private readonly secrets: SecretReader,
    private readonly secretName: string,
  ) {}

  static forVault(vaultUri: string, secretName: string, clientId: string | undefined): KeyVaultAuditKey {
    const credential = new DefaultAzureCredential(clientId === undefined ? {} : { managedIdentityClientId: clientId });
    return new KeyVaultAuditKey(new SecretClient(vaultUri, credential), secretName);
  }

  key(): Promise<Buffer> {
    if (this.#key === undefined) {
      const pending = this.secrets.getSecret(this.secretName).then((secret) => {
        if (secret.value === undefined || secret.value === '')
          throw new Error(`Key Vault secret ${this.secretName} is empty.`);
        return checkedKey(Buffer.from(secret.value, 'utf8'), `Key Vault secret ${this.secretName}`);
      });
      // A failed read (vault unreachable) is not cached: the next entry tries again.
      void pending.catch(() => {
        this.#key = undefined;
      });
      this.#key = pending;
    }
    return this.#key;
  }
}

/** Locally: a value from the settings (local.settings.json), never used in Azure. */
export class SettingAuditKey implements AuditKeySource {
  constructor(private readonly value: string) {}

  key(): Promise<Buffer> {
    try {
      return Promise.resolve(checkedKey(Buffer.from(this.value, 'utf8'), 'AUDIT_HMAC_KEY'));
    } catch (error: unknown) {
      return Promise.reject(toError(error));
    }
  }
}
