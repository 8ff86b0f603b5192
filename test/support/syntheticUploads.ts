import { randomInt } from 'node:crypto';
import { subjectPicklePieces, syntheticSubject } from '../../src/domain/wesad/synthetic/syntheticSubject.js';

/** A subject id no other test uses, in WESAD's S{n} form. */
export function uniqueSubjectId(): string {
  return `S${randomInt(100_000, 999_999_999)}`;
}

/** A short synthetic subject pickle (wrist and label only), as bytes ready to upload. */
export function syntheticPickle(subject: string, seconds = 120, seed = 7): Buffer {
  return Buffer.concat([...subjectPicklePieces(syntheticSubject({ subject, seconds, seed }), { chest: false })]);
}
