import { createHash } from 'node:crypto';
import type { StorageClients } from '../../platform/storage/storageClients.js';
import { containers } from '../../platform/storage/containers.js';
import { isStatus } from '../../platform/storage/restErrors.js';
import { RegistryError } from './registryErrors.js';
import type { ModelVersion } from './registryRecords.js';

export interface ArtifactContent {
  content: Buffer;
  sha256: string;
  contentType: string;
  fileName: string;
}

/**
 * A version's artifact as registered: the blob in the models container at `artifactPath`, with
 * the sha256 the registry recorded so the client can verify what it received. A stored blob
 * that no longer matches its recorded hash is refused rather than served.
 */
export async function readArtifact(storage: StorageClients, version: ModelVersion): Promise<ArtifactContent> {
  const blob = storage.blobs.getContainerClient(containers.models).getBlobClient(version.artifactPath);
  let content: Buffer;
  let contentType: string | undefined;
  try {
    // One request gives both the bytes and their content type.
    const download = await blob.download();
    contentType = download.contentType;
    const chunks: Buffer[] = [];
    for await (const chunk of (download.readableStreamBody ?? []) as AsyncIterable<Buffer>) chunks.push(chunk);
    content = Buffer.concat(chunks);
  } catch (error: unknown) {
    if (isStatus(error, 404))
      throw new RegistryError('not-found', `The artifact of ${version.model}@${version.version} is missing.`);
    throw error;
  }
  if (createHash('sha256').update(content).digest('hex') !== version.artifactSha256) {
    throw new RegistryError(
      'conflict',
      `The stored artifact of ${version.model}@${version.version} does not match its recorded sha256.`,
    );
  }
  return {
    content,
    sha256: version.artifactSha256,
    contentType: contentType ?? 'application/octet-stream',
    fileName: `${version.model}-${version.version}${extensionOf(version.artifactPath)}`,
  };
}

function extensionOf(path: string): string {
  const match = /\.[A-Za-z0-9]+$/.exec(path);
  return match?.[0] ?? '';
}
