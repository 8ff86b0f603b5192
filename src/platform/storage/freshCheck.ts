/**
 * A storage check shared by concurrent callers without giving up freshness: every caller gets
 * the result of a check that *started after it called*, so whatever a write completed before the
 * call is seen, yet under load one check serves every caller that arrived while the previous one
 * was in flight. A caller waits for at most the check in flight and one more.
 *
 * (Joining the check in flight instead would be cheaper but could return a state older than a
 * write the caller saw complete: that check may have read storage before the write landed.)
 */
export class FreshCheck<T> {
  #inFlight: Promise<T> | undefined;
  #next: Promise<T> | undefined;

  constructor(private readonly check: () => Promise<T>) {}

  run(): Promise<T> {
    const inFlight = this.#inFlight;
    if (inFlight === undefined) return this.#start();
    this.#next ??= inFlight.then(
      () => this.#startQueued(),
      () => this.#startQueued(),
    );
    return this.#next;
  }

  #startQueued(): Promise<T> {
    this.#next = undefined;
    return this.#start();
  }

  #start(): Promise<T> {
    const started = this.check().finally(() => {
      if (this.#inFlight === started) this.#inFlight = undefined;
    });
    this.#inFlight = started;
    return started;
  }
}
