/**
 * mulberry32: a small 32-bit generator whose whole state is one number, so a seed repeats a sequence
 * exactly (Math.random cannot be seeded). The training and the synthetic data build on it.
 */
export class Mulberry32 {
  protected state: number;

  constructor(state: number) {
    this.state = state >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
