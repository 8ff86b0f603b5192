import type { SyntheticSubject } from '../../src/domain/wesad/synthetic/syntheticSubject.js';
import { e4Zip } from '../../src/domain/wesad/synthetic/e4Export.js';

/**
 * The subject's E4 export with `offset` added to every sample of one single-channel signal, as a
 * miscalibrated sensor or a different device would shift it; the other signals are untouched.
 */
export function shiftedE4Zip(subject: SyntheticSubject, signal: 'EDA' | 'TEMP', offset: number): Uint8Array {
  const shifted = subject.session[signal].map((value) => value + offset);
  return e4Zip({ ...subject, session: { ...subject.session, [signal]: shifted } });
}
