/** Latency of a call repeated by `connections` concurrent loops for `seconds`, as autocannon measures HTTP. */
export interface LoopResult {
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  perSecond: number;
}

export async function closedLoop(
  call: () => Promise<unknown>,
  connections: number,
  seconds: number,
): Promise<LoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const begun = performance.now();
        try {
          await call();
          latencies.push(performance.now() - begun);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (quantile: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    p50: Math.round(at(0.5)),
    p99: Math.round(at(0.99)),
    perSecond: latencies.length / elapsed,
  };
}
