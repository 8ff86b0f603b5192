// The blob, queue and table SDKs throw the one RestError of core-rest-pipeline, so this serves all three.
import { RestError } from '@azure/storage-blob';

/** Whether a storage call of the host failed with one of these HTTP statuses. */
export function isStatus(error: unknown, ...statuses: number[]): boolean {
  return error instanceof RestError && statuses.includes(error.statusCode ?? Number.NaN);
}
