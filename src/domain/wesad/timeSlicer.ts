import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long synchronous work (inflating and parsing an upload) hands the event loop back every few
 * milliseconds, so one heavy request never stalls the host's other requests (health included).
 */
export class TimeSlicer {
  #since = performance.now();

  constructor(private readonly sliceMs = 5) {}

  /** Yields to the event loop when the current slice has run its time. */
  async pause(): Promise<void> {
    if (performance.now() - this.#since < this.sliceMs) return;
    await nextTurn();
    this.#since = performance.now();
  }
}
