// The table, queue and blob SDKs share this class (core-rest-pipeline), so one check serves all three.
import { RestError } from '@azure/storage-blob';

/** Whether a storage SDK call failed with one of these HTTP statuses. */
export function isStatus(error: unknown, ...statuses: number[]): boolean {
  return error instanceof RestError && error.statusCode !== undefined && statuses.includes(error.statusCode);
}

/**
 * What `read` returns, or undefined when the storage service answers 404: for the many reads
 * where "not there" is an answer, not a failure. Every other error is thrown on.
 */
export async function unlessNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error: unknown) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}
