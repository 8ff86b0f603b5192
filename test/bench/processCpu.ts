import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';

/** utime + stime of a process in seconds, from /proc (Linux); undefined where there is none. */
export async function processCpuSeconds(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch((error: unknown) => {
    // No /proc (not Linux) or the process has gone: no figure. Anything else is a real failure.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  // Fields after the parenthesised command name: utime is field 14 and stime 15 of the line.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields === undefined) return undefined;
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond();
}

let ticks: number | undefined;

function clockTicksPerSecond(): number {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  if (!(ticks > 0)) throw new Error('getconf CLK_TCK printed no positive number');
  return ticks;
}

/** CPU milliseconds a process spent per request between two readings, or "n/a" off Linux. */
export function cpuPerRequest(before: number | undefined, after: number | undefined, requests: number): string {
  if (before === undefined || after === undefined || requests === 0) return 'n/a';
  return `${(((after - before) * 1000) / requests).toFixed(2)} ms`;
}
