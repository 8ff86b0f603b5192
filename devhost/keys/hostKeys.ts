import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { BlobServiceClient } from '@azure/storage-blob';
import { z } from 'zod';
import { isStatus } from '../storage/restStatus.js';

/** The system key the Durable extension's webhook accepts besides the master key. */
export const durableSystemKeyName = 'durabletask_extension';

/**
 * The host keys as the Functions host keeps them with its default secret repository
 * (AzureWebJobsSecretStorageType=blob): `azure-webjobs-secrets/{hostId}/host.json` in the
 * AzureWebJobsStorage account ("Manage access keys in Azure Functions", function-keys-how-to).
 */
export const secretsContainer = 'azure-webjobs-secrets';

const keySchema = z.object({ name: z.string(), value: z.string().min(1), encrypted: z.boolean() });
const hostSecretsSchema = z.object({
  masterKey: keySchema,
  functionKeys: z.array(keySchema),
  systemKeys: z.array(keySchema),
});
type HostSecrets = z.infer<typeof hostSecretsSchema>;

export interface HostKeys {
  readonly masterKey: string;
  /** The named system key, created when the host first starts. */
  systemKey(name: string): string;
  /** True when `presented` is the master key or the named system key (compared in constant time). */
  admits(systemKeyName: string, presented: string | undefined): boolean;
}

export function secretsBlobName(hostId: string): string {
  return `${hostId}/host.json`;
}

/**
 * Reads the host's keys, creating them the first time (as the host does on its first start).
 * Hosts starting together on the same id agree on one set: the create only succeeds on a missing
 * blob, and a loser reads the winner's keys.
 */
export async function loadOrCreateHostKeys(blobs: BlobServiceClient, hostId: string): Promise<HostKeys> {
  const container = blobs.getContainerClient(secretsContainer);
  await container.createIfNotExists();
  const blob = container.getBlockBlobClient(secretsBlobName(hostId));
  const existing = await readSecrets(blobs, hostId);
  if (existing !== undefined) return keysOf(existing);
  const fresh: HostSecrets = {
    masterKey: newKey('master'),
    functionKeys: [newKey('default')],
    systemKeys: [newKey(durableSystemKeyName)],
  };
  const body = JSON.stringify({ ...fresh, source: 'runtime', decryptionKeyId: '' });
  try {
    await blob.upload(body, Buffer.byteLength(body), {
      conditions: { ifNoneMatch: '*' },
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
    return keysOf(fresh);
  } catch (error: unknown) {
    if (!isStatus(error, 409, 412)) throw error;
    const winner = await readSecrets(blobs, hostId);
    if (winner === undefined) throw new Error(`The host keys of ${hostId} vanished while they were created.`);
    return keysOf(winner);
  }
}

/** The keys as stored, or undefined before the host first started. */
export async function readHostKeys(blobs: BlobServiceClient, hostId: string): Promise<HostKeys | undefined> {
  const secrets = await readSecrets(blobs, hostId);
  return secrets === undefined ? undefined : keysOf(secrets);
}

async function readSecrets(blobs: BlobServiceClient, hostId: string): Promise<HostSecrets | undefined> {
  const blob = blobs.getContainerClient(secretsContainer).getBlockBlobClient(secretsBlobName(hostId));
  let text: string;
  try {
    text = (await blob.downloadToBuffer()).toString('utf8');
  } catch (error: unknown) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
  const parsed = hostSecretsSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${secretsContainer}/${secretsBlobName(hostId)} is not a host secrets document.`);
  if (parsed.data.masterKey.encrypted || parsed.data.systemKeys.some((key) => key.encrypted))
    throw new Error('The host keys are encrypted; the local host reads only unencrypted keys.');
  return parsed.data;
}

function keysOf(secrets: HostSecrets): HostKeys {
  const systemKey = (name: string): string => {
    const key = secrets.systemKeys.find((candidate) => candidate.name === name);
    if (key === undefined) throw new Error(`The host has no system key named ${name}.`);
    return key.value;
  };
  return {
    masterKey: secrets.masterKey.value,
    systemKey,
    admits(systemKeyName, presented) {
      if (presented === undefined) return false;
      const accepted = [secrets.masterKey.value, systemKey(systemKeyName)];
      return accepted.some((key) => sameKey(key, presented));
    },
  };
}

function sameKey(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 40 random bytes, URL-safe, as long as the keys the host generates. */
function newKey(name: string): HostSecrets['masterKey'] {
  return { name, value: randomBytes(40).toString('base64url'), encrypted: false };
}
