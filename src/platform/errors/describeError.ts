/** The one place where a thrown value of unknown type becomes something printable. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  if (typeof error === 'object' && error !== null) {
    try {
      return JSON.stringify(error);
    } catch {
      // Circular or otherwise unserialisable: the default rendering is all there is.
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}

export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(describeError(error));
}
