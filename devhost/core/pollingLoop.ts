import { setTimeout as delay } from 'node:timers/promises';
import { describeError } from './describeError.js';
import type { HostLogger } from './functionCatalog.js';

/**
 * Runs `step` over and over: again at once while it reports work done, after `idleMs` when it
 * reports none, and after a back-off when it fails (storage down), so the host keeps serving.
 */
export class PollingLoop {
  #running: Promise<void> | undefined;
  readonly #abort = new AbortController();
  #pause: AbortController | undefined;
  #wakes = 0;

  constructor(
    private readonly name: string,
    private readonly step: () => Promise<number>,
    private readonly idleMs: number,
    private readonly logger: HostLogger,
  ) {}

  start(): void {
    this.#running ??= this.#run();
  }

  /** Ends an idle pause at once: this process just queued work the loop will find. */
  wake(): void {
    this.#wakes++;
    this.#pause?.abort();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#running;
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      const wakesBefore = this.#wakes;
      let pauseMs = 0;
      try {
        const done = await this.step();
        failures = 0;
        if (done === 0) pauseMs = this.idleMs;
      } catch (error: unknown) {
        failures++;
        pauseMs = Math.min(30_000, this.idleMs * 2 ** Math.min(failures, 5));
        this.logger('warning', 'system', `${this.name} failed (retrying in ${pauseMs} ms): ${describeError(error)}`);
      }
      const woken = this.#wakes !== wakesBefore && failures === 0;
      if (pauseMs > 0 && !woken) {
        this.#pause = new AbortController();
        await delay(pauseMs, undefined, { signal: AbortSignal.any([signal, this.#pause.signal]) }).catch(
          () => undefined,
        );
        this.#pause = undefined;
      }
    }
  }
}
