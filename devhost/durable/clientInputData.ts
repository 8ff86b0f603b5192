/** Where the Durable HTTP management API lives, relative to the host's origin. */
export const durableWebhookPath = '/runtime/webhooks/durabletask';

/**
 * Where the extension's internal endpoint for out-of-process clients lives on its loopback
 * listener (in Azure http://127.0.0.1:17071/durabletask/, reachable only inside the instance).
 */
export const durableRpcPath = '/durabletask';

export interface ClientConnection {
  taskHubName: string;
  connectionName: string;
}

/** The query every public management URL carries: task hub, connection and, in Azure, the system key. */
export function requiredQuery(connection: ClientConnection, systemKey: string | undefined): string {
  const hub = `taskHub=${encodeURIComponent(connection.taskHubName)}&connection=${encodeURIComponent(connection.connectionName)}`;
  return systemKey === undefined ? hub : `${hub}&code=${encodeURIComponent(systemKey)}`;
}

/**
 * The management links of one instance (HttpApiHandler.GetClientResponseLinks) under `base`
 * (origin and API path); the client binding's `managementUrls` are these with the id placeholder
 * `INSTANCEID`. Public links carry the system key as `code`, as in Azure: they open every
 * instance of the task hub, so the app never hands them out.
 */
export function managementUrls(
  base: string,
  instanceId: string,
  connection: ClientConnection,
  systemKey: string | undefined,
): Record<string, string> {
  const query = requiredQuery(connection, systemKey);
  const instance = `${base}/instances/${encodeURIComponent(instanceId)}`;
  return {
    id: instanceId,
    statusQueryGetUri: `${instance}?${query}`,
    sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
    terminatePostUri: `${instance}/terminate?reason={text}&${query}`,
    rewindPostUri: `${instance}/rewind?reason={text}&${query}`,
    purgeHistoryDeleteUri: `${instance}?${query}`,
    restartPostUri: `${instance}/restart?${query}`,
    suspendPostUri: `${instance}/suspend?reason={text}&${query}`,
    resumePostUri: `${instance}/resume?reason={text}&${query}`,
  };
}

/**
 * The `durableClient` input binding's data (BindingHelper / OrchestrationClientInputData).
 * The public URLs are under the host's origin and carry the system key; `rpcBaseUrl`, what the JS
 * client calls for every operation, is the loopback listener, which needs no key.
 */
export function durableClientInputData(
  origin: string,
  rpcOrigin: string,
  connection: ClientConnection,
  systemKey: string,
): string {
  const base = `${origin}${durableWebhookPath}`;
  const query = requiredQuery(connection, systemKey);
  return JSON.stringify({
    taskHubName: connection.taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?${query}`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    managementUrls: managementUrls(base, 'INSTANCEID', connection, systemKey),
    baseUrl: base,
    requiredQueryStringParameters: query,
    rpcBaseUrl: `${rpcOrigin}${durableRpcPath}/`,
  });
}
