/** One `name=value` figure from a benchmark child's output. */
export function figure(output: string, name: string): number {
  const value = Number(new RegExp(`${name}=([0-9.]+)`).exec(output)?.[1]);
  if (!Number.isFinite(value)) throw new Error(`no ${name}= in output:\n${output}`);
  return value;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** A peak RSS in KiB as a percentage of a file measured in MB (10^6 bytes). */
export function percentOfFile(rssKb: number, fileMegabytes: number): number {
  return (100 * rssKb * 1024) / 1e6 / fileMegabytes;
}
