/**
 * A label stream kept as runs of equal codes: a 700 Hz subject label (millions of samples) is a few
 * dozen runs, and windowing only asks whether a span holds one code.
 */
export class LabelRuns {
  private readonly starts: number[] = [];
  private readonly codes: number[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  get runCount(): number {
    return this.codes.length;
  }

  push(code: number): void {
    this.pushRun(code, 1);
  }

  pushRun(code: number, length: number): void {
    if (length <= 0) return;
    if (this.codes.length === 0 || this.codes[this.codes.length - 1] !== code) {
      this.starts.push(this.count);
      this.codes.push(code);
    }
    this.count += length;
  }

  /** The single code of samples [from, to), or undefined when the span is empty or mixed. */
  uniformCode(from: number, to: number): number | undefined {
    const end = Math.min(to, this.count);
    if (from < 0 || from >= end) return undefined;
    const run = this.runIndexAt(from);
    const next = this.starts[run + 1] ?? this.count;
    return next >= end ? this.codes[run] : undefined;
  }

  /** Samples per code, for the manifest and checks. */
  countsByCode(): Map<number, number> {
    const counts = new Map<number, number>();
    this.codes.forEach((code, index) => {
      const length = (this.starts[index + 1] ?? this.count) - (this.starts[index] ?? 0);
      counts.set(code, (counts.get(code) ?? 0) + length);
    });
    return counts;
  }

  private runIndexAt(sample: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= sample) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
