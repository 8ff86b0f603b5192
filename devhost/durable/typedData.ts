import type { RpcTypedData } from '../core/coreTypes.js';

/** The value a function returned, from the RPC data the library produced (toRpcTypedData). */
export function valueOfTypedData(data: RpcTypedData | null | undefined): unknown {
  if (data === null || data === undefined) return undefined;
  if (data.json !== undefined) return JSON.parse(data.json) as unknown;
  if (data.string !== undefined) return data.string;
  if (data.int !== undefined) return data.int;
  if (data.double !== undefined) return data.double;
  if (data.bytes !== undefined) return Buffer.from(data.bytes);
  return undefined;
}

/**
 * JSON text of a value, null where JSON has no text for it (undefined, a function): what the
 * extension stores for results and inputs, so values that do not survive JSON fail here too.
 */
export function jsonTextOf(value: unknown): string | null {
  const text = JSON.stringify(value) as string | undefined;
  return text ?? null;
}
