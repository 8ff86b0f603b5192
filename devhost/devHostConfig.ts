import { hostname } from 'node:os';
import { z } from 'zod';
import { validateSettings } from './validateSettings.js';

/** Settings of the local Functions host (never read in Azure, where the platform hosts the app). */
export interface DevHostConfig {
  /** The host id that names receipts and the blob trigger queue, as the Functions host's id does. */
  hostId: string;
  port: number;
  blobPollIntervalMs: number;
  /** How long a blob trigger message stays invisible while its invocation runs (renewed meanwhile). */
  blobVisibilityTimeoutSeconds: number;
  blobConcurrency: number;
  maxRequestBodyBytes: number;
  /** Durable orchestration instances whose episodes run at the same time (one instance never runs two). */
  durableConcurrency: number;
  /** Activity functions running at the same time. */
  durableActivityConcurrency: number;
  /** How long the durable queues wait between polls when idle. */
  durablePollIntervalMs: number;
  /** How long a durable message stays invisible while it is processed (renewed for activities). */
  durableVisibilitySeconds: number;
}

const schema = z.object({
  AzureFunctionsWebHost__hostid: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'lower-case letters, digits and hyphens, at most 32')
    .optional(),
  DEVHOST_PORT: z.coerce.number().int().min(0).max(65535).default(7071),
  DEVHOST_BLOB_POLL_MS: z.coerce.number().int().min(50).default(1000),
  DEVHOST_BLOB_VISIBILITY_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  DEVHOST_BLOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  DEVHOST_MAX_REQUEST_BYTES: z.coerce.number().int().positive().default(104_857_600),
  DEVHOST_DURABLE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  DEVHOST_DURABLE_ACTIVITY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  DEVHOST_DURABLE_POLL_MS: z.coerce.number().int().min(10).default(250),
  DEVHOST_DURABLE_VISIBILITY_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
});

export function parseDevHostConfig(environment: NodeJS.ProcessEnv): DevHostConfig {
  const values = validateSettings(schema, environment);
  return {
    hostId: values.AzureFunctionsWebHost__hostid ?? defaultHostId(),
    port: values.DEVHOST_PORT,
    blobPollIntervalMs: values.DEVHOST_BLOB_POLL_MS,
    blobVisibilityTimeoutSeconds: values.DEVHOST_BLOB_VISIBILITY_SECONDS,
    blobConcurrency: values.DEVHOST_BLOB_CONCURRENCY,
    maxRequestBodyBytes: values.DEVHOST_MAX_REQUEST_BYTES,
    durableConcurrency: values.DEVHOST_DURABLE_CONCURRENCY,
    durableActivityConcurrency: values.DEVHOST_DURABLE_ACTIVITY_CONCURRENCY,
    durablePollIntervalMs: values.DEVHOST_DURABLE_POLL_MS,
    durableVisibilitySeconds: values.DEVHOST_DURABLE_VISIBILITY_SECONDS,
  };
}

/** Like Core Tools, derived from the machine name, so receipts survive restarts. */
function defaultHostId(): string {
  const machine = hostname()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return `${machine.slice(0, 26) || 'local'}-local`;
}
