/** A thrown value of unknown type as text for the host's log and the failures it reports. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error !== 'object' || error === null) return String(error);
  try {
    return JSON.stringify(error);
  } catch {
    // Circular: the host has nothing better to print than the object's tag.
    return Object.prototype.toString.call(error);
  }
}

/** The worker reports a failed invocation as an Error, whatever the function threw. */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(describeError(error));
}
