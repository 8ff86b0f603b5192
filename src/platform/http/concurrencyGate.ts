import { HttpProblem } from './httpProblem.js';

/** Seconds a refused client is asked to wait: about one heavy request's time. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * At most `limit` heavy requests run at once in this process. One more is refused at once with 503
 * and Retry-After instead of waiting: a queue would hold every waiting request's body in memory,
 * which is what the limit is there to bound.
 */
export class ConcurrencyGate {
  #running = 0;

  constructor(
    readonly limit: number,
    private readonly setting: string,
  ) {}

  get running(): number {
    return this.#running;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) {
      throw new HttpProblem(
        'server-busy',
        `${this.limit} request(s) of this kind are running; retry in ${BUSY_RETRY_AFTER_SECONDS} s.`,
        { limit: { setting: this.setting, value: this.limit } },
        { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) },
      );
    }
    this.#running += 1;
    try {
      return await work();
    } finally {
      this.#running -= 1;
    }
  }
}
