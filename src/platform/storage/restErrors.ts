// The table, queue and blob SDKs share this class (core-rest-pipeline), so one check serves all three.
import { RestError } from '@azure/storage-blob';

/** Whether a storage SDK call failed with one of these HTTP statuses. */
export function isStatus(error: unknown, ...statuses: number[]): boolean {
  return error instanceof RestError && error.statusCode !== undefined && statuses.includes(error.statusCode);
}
