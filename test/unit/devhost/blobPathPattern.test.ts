import { describe, expect, it } from 'vitest';
import { BlobPathPattern } from '../../../devhost/blob/blobPathPattern.js';

describe('BlobPathPattern', () => {
  it('splits the container and matches names with slashes', () => {
    const pattern = new BlobPathPattern('wesad-raw/{name}');
    expect(pattern.container).toBe('wesad-raw');
    expect(pattern.match('S2/S2.pkl')).toEqual({ name: 'S2/S2.pkl' });
  });

  it('matches literal parts and several parameters', () => {
    const pattern = new BlobPathPattern('uploads/{subject}/{file}.pkl');
    expect(pattern.match('S7/S7.pkl')).toEqual({ subject: 'S7', file: 'S7' });
    expect(pattern.match('S7/S7.csv')).toBeUndefined();
  });

  it('refuses an invalid container name', () => {
    expect(() => new BlobPathPattern('Bad_Container/{name}')).toThrow(/not a valid container name/);
  });
});
