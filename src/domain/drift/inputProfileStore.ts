import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { RunRecord } from '../runs/runRecords.js';
import type { Signal } from '../training/index.js';
import { readWindowSetManifest } from '../datasets/windowSetStore.js';
import { snapshotVersionOf } from '../runs/datasetSnapshot.js';
import { loadSubjectWindows } from '../runs/windowLoading.js';
import { readModelsBlob, runPaths, writeModelsBlob } from '../runs/checkpointStore.js';
import { INPUT_PROFILE_FORMAT, inputProfileSchema, signalProfile, type InputProfile } from './inputProfile.js';
import { concatenate, rawSignalValues } from './rawSignalValues.js';

/**
 * Profiles the run's training inputs and stores the profile next to its other outputs. The same
 * run always yields the same bytes (no clock, fixed order), so a retried evaluation rewrites it
 * unchanged. One signal at a time, so a full-size snapshot holds one signal's values at once.
 */
export async function recordInputProfile(
  storage: StorageClients,
  run: RunRecord,
  signals: readonly Signal[],
): Promise<InputProfile> {
  const sets = trainingWindowSets(run);
  const manifests = await Promise.all(
    sets.map(async ({ subject, version }) => {
      const manifest = await readWindowSetManifest(storage, subject, version);
      if (manifest === undefined) throw new Error(`Run ${run.runId}: window set ${subject}/${version} is gone.`);
      return manifest;
    }),
  );
  const profile: InputProfile = {
    format: INPUT_PROFILE_FORMAT,
    runId: run.runId,
    trainingSubjects: sets.length,
    signals: {},
  };
  for (const signal of signals) {
    const parts = await Promise.all(
      sets.map(async ({ subject, version }, index) => {
        const { windows } = await loadSubjectWindows(storage, subject, version, [signal]);
        const values = windows.signals[signal] ?? new Float32Array(0);
        return rawSignalValues(values, manifests[index]?.normalisation[signal], `${subject}/${version} ${signal}`);
      }),
    );
    profile.signals[signal] = signalProfile(concatenate(parts));
  }
  await writeModelsBlob(
    storage,
    runPaths.inputProfile(run.runId),
    Buffer.from(JSON.stringify(profile)),
    'application/json',
  );
  return profile;
}

/** The run's input profile, or undefined for runs evaluated before profiles existed. */
export async function readInputProfile(storage: StorageClients, runId: string): Promise<InputProfile | undefined> {
  const blob = await readModelsBlob(storage, runPaths.inputProfile(runId));
  return blob === undefined ? undefined : inputProfileSchema.parse(JSON.parse(blob.toString('utf8')));
}

function trainingWindowSets(run: RunRecord): { subject: string; version: string }[] {
  if (run.trainSubjects.length === 0) throw new Error(`Run ${run.runId} has no training subjects.`);
  return run.trainSubjects.map((subject) => ({ subject, version: snapshotVersionOf(run, subject) }));
}
