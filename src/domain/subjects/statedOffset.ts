import type { StorageClients } from '../../platform/storage/storageClients.js';
import { HttpProblem } from '../../platform/http/httpProblem.js';
import { updateE4Labelling, type E4LabellingStatus, type LabellingSettings } from './e4Labelling.js';
import { recordStatedOffset } from './subjectInputs.js';
import { readSubjectRecord, type SubjectRecord } from './subjectRecord.js';

/**
 * PUT /subjects/{subject}/e4-offset: a Researcher states the offset between the E4's clock and
 * the chest device's (seconds from the E4 recording's start to the chest start). It wins over
 * what the pickle or the chest header give, and labels the export at once where the protocol is
 * there. A subject nothing is stored for is 404: the offset would describe no recording.
 */
export async function stateE4Offset(
  storage: StorageClients,
  subject: string,
  stated: { offsetSeconds: number; reason: string; actor: string },
  settings: LabellingSettings,
): Promise<{ record: SubjectRecord; labelling: E4LabellingStatus | undefined }> {
  if ((await readSubjectRecord(storage, subject)) === undefined) {
    throw new HttpProblem('not-found', `Nothing is stored for subject ${subject}.`);
  }
  await recordStatedOffset(storage, subject, stated, settings.now());
  const labelling = await updateE4Labelling(storage, subject, settings);
  const record = await readSubjectRecord(storage, subject);
  if (record === undefined) throw new HttpProblem('not-found', `Subject ${subject} was erased meanwhile.`);
  return { record, labelling };
}
