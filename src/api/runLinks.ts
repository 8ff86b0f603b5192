/**
 * The links a started run is answered with: the app's own routes, which the caller check guards.
 * The run record carries the status the orchestration reports (queued, running with epoch
 * progress, succeeded, failed), so no Durable management URL is ever handed out.
 */
export function runLinks(origin: string, runId: string): { run: string; metrics: string; report: string } {
  const run = `${origin}/api/runs/${encodeURIComponent(runId)}`;
  return { run, metrics: `${run}/metrics`, report: `${run}/report` };
}
