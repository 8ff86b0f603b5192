/**
 * One Float32Array holding every tensor of the embedded network, addressed by float offsets. A single buffer
 * lets the same offsets drive the JavaScript kernels and the WebAssembly kernels, which can only see their own
 * linear memory.
 */
export class Arena {
  readonly memory: Float32Array;
  private next: number;

  constructor(memory: Float32Array, firstFreeFloat = 0) {
    this.memory = memory;
    this.next = firstFreeFloat;
  }

  /** Reserves `floats` zeroed floats, aligned to 4 floats (16 bytes) for SIMD loads. */
  alloc(floats: number): number {
    const offset = this.next;
    this.next = offset + Math.ceil(floats / 4) * 4;
    if (this.next > this.memory.length) {
      throw new RangeError(`arena of ${this.memory.length} floats cannot hold ${this.next}`);
    }
    return offset;
  }

  get used(): number {
    return this.next;
  }
}

/** Counts floats before allocating, so the arena's memory can be sized once and never grown. */
export class ArenaPlanner {
  private total = 0;

  alloc(floats: number): number {
    const offset = this.total;
    this.total += Math.ceil(floats / 4) * 4;
    return offset;
  }

  get floats(): number {
    return this.total;
  }
}
