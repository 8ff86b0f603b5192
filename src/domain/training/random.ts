import { Mulberry32 } from '../../platform/random/mulberry32.js';

/**
 * The training's seeded generator, so that shuffling, SMOTE, dropout and initialisation repeat exactly for a
 * given seed; `new SeededRandom(g.currentState)` continues exactly where `g` is.
 */
export class SeededRandom extends Mulberry32 {
  /** The whole internal state. */
  get currentState(): number {
    return this.state;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A new generator whose sequence depends on this one's, for independent streams from one seed. */
  fork(): SeededRandom {
    return new SeededRandom(Math.floor(this.next() * 4294967296));
  }
}
