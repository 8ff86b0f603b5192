import type { StorageClients } from '../../platform/storage/storageClients.js';
import type { ContinuousTrainingConfig } from '../../domain/continuous/continuousTrainingConfig.js';
import type { UploadRecord } from '../../domain/datasets/uploadLedger.js';
import { ContinuousTrainingStore } from '../../domain/continuous/continuousTrainingStore.js';
import { signalWindowSetReady, type OrchestrationSignaller } from './windowSetSignal.js';

/**
 * After an upload: a subject pickle that became a labelled window set signals the continuous
 * training of every experiment that has it on. Other uploads (E4 recordings, metadata, failures)
 * signal nothing. Returns what each experiment's singleton was told.
 */
export async function signalNewWindowSet(
  storage: StorageClients,
  config: ContinuousTrainingConfig,
  /** Asked for only when there is something to signal. */
  client: () => OrchestrationSignaller,
  upload: UploadRecord,
): Promise<Map<string, 'started' | 'signalled'>> {
  const outcomes = new Map<string, 'started' | 'signalled'>();
  if (
    upload.kind !== 'subject-pickle' ||
    upload.status !== 'ready' ||
    upload.subject === null ||
    upload.version === null
  ) {
    return outcomes;
  }
  const experiments = await new ContinuousTrainingStore(storage, config.defaultExperiment).enabledExperiments();
  for (const experiment of experiments) {
    outcomes.set(
      experiment,
      await signalWindowSetReady(client(), experiment, { subject: upload.subject, version: upload.version }),
    );
  }
  return outcomes;
}
