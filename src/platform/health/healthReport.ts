import type { StorageClients } from '../storage/storageClients.js';
import type { HostKind } from '../config/environment.js';
import { appVersion } from '../appVersion.js';
import { describeError } from '../errors/describeError.js';

export interface ServiceCheck {
  status: 'ok' | 'unreachable';
  detail?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  app: string;
  version: string;
  host: HostKind;
  storage: { blob: ServiceCheck; queue: ServiceCheck; table: ServiceCheck };
}

/** Asks each storage service one cheap question; a service that fails to answer makes it "degraded". */
export async function healthReport(storage: StorageClients, host: HostKind): Promise<HealthReport> {
  const [blob, queue, table] = await Promise.all([
    check((abortSignal) => storage.blobs.listContainers({ abortSignal }).byPage({ maxPageSize: 1 }).next()),
    check((abortSignal) => storage.queues.listQueues({ abortSignal }).byPage({ maxPageSize: 1 }).next()),
    check((abortSignal) => storage.tables.listTables({ abortSignal }).byPage({ maxPageSize: 1 }).next()),
  ]);
  const { name, version } = appVersion();
  const healthy = [blob, queue, table].every((service) => service.status === 'ok');
  return { status: healthy ? 'ok' : 'degraded', app: name, version, host, storage: { blob, queue, table } };
}

/** Storage clients retry for minutes by default; a health probe must answer promptly. */
const probeTimeoutMs = 5000;

async function check(probe: (abortSignal: AbortSignal) => Promise<unknown>): Promise<ServiceCheck> {
  try {
    await probe(AbortSignal.timeout(probeTimeoutMs));
    return { status: 'ok' };
  } catch (error: unknown) {
    return { status: 'unreachable', detail: describeError(error) };
  }
}
