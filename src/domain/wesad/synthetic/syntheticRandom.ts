import { Mulberry32 } from '../../../platform/random/mulberry32.js';

/** The synthetic subjects' seeded generator, with normal deviates: the same seed gives the same subject. */
export class SyntheticRandom extends Mulberry32 {
  private spare: number | undefined;

  constructor(seed: number) {
    super((Math.floor(seed) ^ 0x9e3779b9) >>> 0);
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Standard normal (Box–Muller, using both deviates). */
  normal(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** Derives an independent generator, so adding a signal does not shift the others' randomness. */
  fork(salt: number): SyntheticRandom {
    return new SyntheticRandom(Math.floor(this.next() * 2 ** 31) ^ Math.imul(salt, 0x85ebca6b));
  }
}
