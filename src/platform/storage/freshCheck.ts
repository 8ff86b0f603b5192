/**
 * A storage check shared by concurrent callers without giving up freshness: every caller gets
 * the result of a check that *started after it called*, so whatever a write completed before the
 * call is seen, yet under load one check serves every caller that arrived while the previous one
 * was in flight. Checks start at least `minIntervalMs` apart, which bounds the storage reads
 * (at most 1000 / minIntervalMs a second) at the price of that much more wait; a caller waits for
 * at most the check in flight, the interval and one more check.
 *
 * (Joining the check in flight instead would be cheaper but could return a state older than a
 * write the caller saw complete: that check may have read storage before the write landed.)
 */
export class FreshCheck<T> {
  #inFlight: Promise<T> | undefined;
  /** The check that starts next; whoever calls before it starts is answered by it. */
  #next: Promise<T> | undefined;
  #lastStart = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly check: () => Promise<T>,
    private readonly minIntervalMs = 0,
  ) {}

  run(): Promise<T> {
    if (this.#next !== undefined) return this.#next;
    if (this.#inFlight === undefined && this.#untilDue() <= 0) return this.#start();
    const previous: Promise<unknown> = this.#inFlight ?? Promise.resolve();
    const next = previous
      .then(
        () => this.#due(),
        () => this.#due(),
      )
      .then(() => {
        this.#next = undefined;
        return this.#start();
      });
    this.#next = next;
    return next;
  }

  #untilDue(): number {
    return this.#lastStart + this.minIntervalMs - performance.now();
  }

  async #due(): Promise<void> {
    const wait = this.#untilDue();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  #start(): Promise<T> {
    this.#lastStart = performance.now();
    const started = this.check().finally(() => {
      if (this.#inFlight === started) this.#inFlight = undefined;
    });
    this.#inFlight = started;
    return started;
  }
}
