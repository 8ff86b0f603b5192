import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import path from 'node:path';
import { freePort } from '../../devhost/embeddedAzurite.js';
import { durableWebhookPath } from '../../devhost/durable/clientInputData.js';
import { makeAppRoot, projectRoot, startHostProcess, type HostProcess } from './hostProcess.js';
import { testConnectionString, uniqueName } from './testStorage.js';
import { eventually } from './eventually.js';

export const durableTestAppMain = path.join(projectRoot, 'dist/test/support/durableTestApp/*.js');

/**
 * An app root for the durable test app with a task hub of its own, so hosts of test files
 * running in parallel never take each other's durable messages.
 */
export async function durableAppRoot(hubName = uniqueName('DurableTest')): Promise<string> {
  const root = await makeAppRoot(durableTestAppMain);
  const hostJsonFile = path.join(root, 'host.json');
  const hostJson = JSON.parse(await readFile(hostJsonFile, 'utf8')) as {
    extensions?: { durableTask?: { hubName?: string } };
  };
  hostJson.extensions = { ...hostJson.extensions, durableTask: { hubName } };
  await writeFile(hostJsonFile, JSON.stringify(hostJson));
  return root;
}

/**
 * One durable test host for the calling test file: started before its tests on a task hub of its
 * own (or `hubName`), stopped after them. `host` is the running host.
 */
export function useDurableHost(hubName?: string): { readonly host: HostProcess } {
  let started: HostProcess | undefined;
  beforeAll(async () => {
    started = await startDurableHost(await durableAppRoot(hubName));
  });
  afterAll(async () => {
    await started?.kill('SIGTERM');
  });
  return {
    get host(): HostProcess {
      if (started === undefined) throw new Error('The durable test host is used before it started.');
      return started;
    },
  };
}

/** Starts the host on `appRoot` with short durable polling and visibility, so redelivery after a crash is quick. */
export async function startDurableHost(
  appRoot: string,
  environment: Record<string, string> = {},
): Promise<HostProcess> {
  return startHostProcess({
    appRoot,
    port: await freePort(),
    environment: {
      AzureWebJobsStorage: testConnectionString(),
      DEVHOST_DURABLE_POLL_MS: '50',
      DEVHOST_DURABLE_VISIBILITY_SECONDS: '3',
      ...environment,
    },
  });
}

export interface StartedInstance {
  id: string;
  statusQueryGetUri: string;
  location: string | null;
  status: number;
}

/** Starts an orchestration through the app's HTTP starter (DurableClient.startNew + createCheckStatusResponse). */
export async function startInstance(
  host: HostProcess,
  name: string,
  input?: unknown,
  instanceId?: string,
): Promise<StartedInstance> {
  const response = await fetch(
    `${host.origin}/api/durable/start/${name}${instanceId === undefined ? '' : `/${instanceId}`}`,
    {
      method: 'POST',
      body: input === undefined ? '' : JSON.stringify(input),
    },
  );
  if (response.status !== 202)
    throw new Error(`Starting ${name} answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { id: string; statusQueryGetUri: string };
  return { ...body, location: response.headers.get('location'), status: response.status };
}

export interface InstanceStatus {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  historyEvents?: { EventType: string; FunctionName?: string }[];
}

/**
 * A URL of the host's Durable management API with `query` and the extension's system key as
 * `code`, as the management links carry it in Azure (durable-functions-http-api).
 */
export function managementUrl(host: HostProcess, path: string, query = ''): string {
  const url = new URL(`${host.origin}${durableWebhookPath}${path}`);
  for (const [name, value] of new URLSearchParams(query)) url.searchParams.append(name, value);
  url.searchParams.set('code', host.keys.durableSystemKey);
  return url.href;
}

export function statusUrl(host: HostProcess, instanceId: string, query = ''): string {
  return managementUrl(host, `/instances/${instanceId}`, query);
}

export async function readStatus(
  host: HostProcess,
  instanceId: string,
  query = '',
): Promise<{ code: number; body: InstanceStatus }> {
  const response = await fetch(statusUrl(host, instanceId, query));
  return { code: response.status, body: (await response.json()) as InstanceStatus };
}

/** Polls the management API until the instance is in one of `statuses`. */
export async function waitForStatus(
  host: HostProcess,
  instanceId: string,
  statuses: readonly string[],
  timeoutMs = 30_000,
): Promise<InstanceStatus> {
  return eventually(
    async () => {
      const { body } = await readStatus(host, instanceId, '?showHistory=true&showHistoryOutput=true');
      return statuses.includes(body.runtimeStatus) ? body : undefined;
    },
    timeoutMs,
    `instance ${instanceId} to be ${statuses.join(' or ')}`,
  );
}

export function waitUntilFinished(host: HostProcess, instanceId: string, timeoutMs?: number): Promise<InstanceStatus> {
  return waitForStatus(host, instanceId, ['Completed', 'Failed', 'Terminated'], timeoutMs);
}
