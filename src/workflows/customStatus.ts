/**
 * Durable Functions limits an orchestration's custom status to 16 KB of UTF-16 JSON text
 * ("Custom orchestration status", durable-functions-custom-orchestration-status): a larger one
 * fails the orchestration. The workflows' statuses carry free text (error messages, verdicts), so
 * every status goes through here first.
 */
export const customStatusLimitBytes = 16 * 1024;

/** Bytes of `text` as UTF-16, the measure the limit is stated in. */
export function utf16Bytes(text: string): number {
  return text.length * 2;
}

const marker = '… [truncated]';

/** Cuts every string in `value` longer than `maxChars`, keeping its start (where a message says what failed). */
function truncateStrings(value: unknown, maxChars: number): unknown {
  if (typeof value === 'string') {
    return value.length <= maxChars ? value : `${value.slice(0, Math.max(0, maxChars - marker.length))}${marker}`;
  }
  if (Array.isArray(value)) return value.map((item) => truncateStrings(item, maxChars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, truncateStrings(item, maxChars)]));
  }
  return value;
}

function fits(value: unknown, limitBytes: number): boolean {
  return utf16Bytes(JSON.stringify(value)) <= limitBytes;
}

/**
 * `status` as it is when it fits the limit; otherwise with its long strings cut shorter and
 * shorter until it does, marked `truncated`; and if even that is not enough (a status made of many
 * small parts), only its top-level numbers, booleans and short strings. Pure and deterministic,
 * as orchestrator code must be.
 */
export function boundedCustomStatus(
  status: Record<string, unknown>,
  limitBytes: number = customStatusLimitBytes,
): Record<string, unknown> {
  if (fits(status, limitBytes)) return status;
  for (let maxChars = 4096; maxChars >= 64; maxChars = Math.floor(maxChars / 4)) {
    const cut = { ...(truncateStrings(status, maxChars) as Record<string, unknown>), truncated: true };
    if (fits(cut, limitBytes)) return cut;
  }
  let summary: Record<string, unknown> = { truncated: true };
  for (const [key, value] of Object.entries(status)) {
    const short =
      typeof value === 'string'
        ? truncateStrings(value, 64)
        : typeof value === 'number' || typeof value === 'boolean' || value === null
          ? value
          : undefined;
    if (short === undefined) continue;
    const next = { ...summary, [key]: short };
    if (!fits(next, limitBytes)) break;
    summary = next;
  }
  return summary;
}

/** Sets the orchestration's custom status within the Durable limit. */
export function setBoundedCustomStatus(
  context: { setCustomStatus(status: unknown): void },
  status: Record<string, unknown>,
): void {
  context.setCustomStatus(boundedCustomStatus(status));
}
