import type { StorageClients } from '../../platform/storage/storageClients.js';
import { containers } from '../../platform/storage/containers.js';
import { unlessNotFound } from '../../platform/storage/restErrors.js';

/** Where a run's files live in the models container. */
export const runPaths = {
  checkpoint: (runId: string, epoch: number): string =>
    `runs/${runId}/checkpoints/epoch-${String(epoch).padStart(4, '0')}.bin`,
  evaluation: (runId: string): string => `runs/${runId}/evaluation.json`,
  artifact: (runId: string): string => `runs/${runId}/model.zip`,
  /** Which synthetic windows SMOTE adds to the run's training windows (indices and steps only). */
  smotePlan: (runId: string): string => `runs/${runId}/smote-plan.json`,
  /** The training inputs' per-signal statistics, the reference for drift on prediction inputs. */
  inputProfile: (runId: string): string => `runs/${runId}/input-profile.json`,
  /** A registered version scored on the run's held-out subjects (continuous training's champion). */
  championEvaluation: (runId: string, version: string): string => `runs/${runId}/champion-${version}.json`,
};

/** Writes a blob of the models container; the names are per run and epoch, so a retry rewrites the same bytes. */
export async function writeModelsBlob(
  storage: StorageClients,
  path: string,
  content: Buffer,
  contentType: string,
): Promise<void> {
  const container = storage.blobs.getContainerClient(containers.models);
  await container.createIfNotExists();
  await container.getBlockBlobClient(path).uploadData(content, { blobHTTPHeaders: { blobContentType: contentType } });
}

export async function readModelsBlob(storage: StorageClients, path: string): Promise<Buffer | undefined> {
  return unlessNotFound(() =>
    storage.blobs.getContainerClient(containers.models).getBlobClient(path).downloadToBuffer(),
  );
}
