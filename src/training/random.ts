/**
 * A seeded generator (mulberry32) so that shuffling, SMOTE, dropout and initialisation repeat exactly for a
 * given seed; Math.random cannot be seeded.
 */
export class SeededRandom {
  private state: number;

  /** A generator from a seed, or resumed from another's `state`. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The whole internal state: `new SeededRandom(g.state)` continues exactly where `g` is. */
  get currentState(): number {
    return this.state;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
