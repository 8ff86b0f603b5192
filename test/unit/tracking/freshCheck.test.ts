import { describe, expect, it } from 'vitest';
import { FreshCheck } from '../../../src/platform/storage/freshCheck.js';

/** A check whose runs the test finishes by hand, numbered in the order they started. */
function manualCheck() {
  const pending: ((value: number) => void)[] = [];
  let started = 0;
  const check = new FreshCheck<number>(
    () =>
      new Promise<number>((resolve) => {
        const number = ++started;
        pending.push(() => {
          resolve(number);
        });
      }),
  );
  return {
    check,
    started: () => started,
    finishNext: async () => {
      pending.shift()?.(0);
      // Let the continuations run (the queued check starts in one): a macrotask runs after them all.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('FreshCheck', () => {
  it('answers a caller that arrives during a check with a check started after it arrived', async () => {
    const { check, started, finishNext } = manualCheck();
    const first = check.run();
    expect(started()).toBe(1);
    const second = check.run();
    const third = check.run();
    // Neither joins check 1: it began before they asked.
    expect(started()).toBe(1);
    await finishNext();
    expect(await first).toBe(1);
    expect(started()).toBe(2);
    await finishNext();
    expect(await second).toBe(2);
    expect(await third).toBe(2);
  });

  it('shares one check among every caller that queued behind the same one', async () => {
    const { check, started, finishNext } = manualCheck();
    const calls = [check.run(), ...Array.from({ length: 49 }, () => check.run())];
    await finishNext();
    await finishNext();
    const results = await Promise.all(calls);
    expect(started()).toBe(2);
    expect(new Set(results.slice(1))).toEqual(new Set([2]));
  });

  it('passes a failed check to its callers and starts afresh for the next', async () => {
    let attempt = 0;
    const check = new FreshCheck(() => {
      attempt++;
      return attempt === 1 ? Promise.reject(new Error('storage unavailable')) : Promise.resolve(attempt);
    });
    await expect(check.run()).rejects.toThrow('storage unavailable');
    expect(await check.run()).toBe(2);
  });
});

describe('FreshCheck with a minimum interval', () => {
  it('starts checks at least the interval apart, each still after its callers arrived', async () => {
    const starts: number[] = [];
    const check = new FreshCheck(() => {
      starts.push(performance.now());
      return Promise.resolve(starts.length);
    }, 40);
    expect(await check.run()).toBe(1);
    const arrived = performance.now();
    const [second, third] = await Promise.all([check.run(), check.run()]);
    expect([second, third]).toEqual([2, 2]);
    const [first = NaN, next = NaN] = starts;
    // Timer slack aside (a millisecond), never sooner than the interval, and never before the callers came.
    expect(next - first).toBeGreaterThanOrEqual(39);
    expect(next).toBeGreaterThanOrEqual(arrived);
  });
});
