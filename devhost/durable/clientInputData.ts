/** Where the Durable HTTP management API lives, relative to the host's origin. */
export const durableWebhookPath = '/runtime/webhooks/durabletask';

export interface ClientConnection {
  taskHubName: string;
  connectionName: string;
}

/**
 * The management links of one instance (HttpApiHandler.GetClientResponseLinks); the client
 * binding's `managementUrls` are these with the id placeholder `INSTANCEID`.
 */
export function managementUrls(
  origin: string,
  instanceId: string,
  connection: ClientConnection,
): Record<string, string> {
  const base = `${origin}${durableWebhookPath}`;
  const query = `taskHub=${encodeURIComponent(connection.taskHubName)}&connection=${encodeURIComponent(connection.connectionName)}`;
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
 * `rpcBaseUrl` is what the JS client calls for every operation; it points at this host's own
 * management endpoint, so the client works whatever origin getClient rewrites the links to.
 */
export function durableClientInputData(origin: string, connection: ClientConnection): string {
  const base = `${origin}${durableWebhookPath}`;
  return JSON.stringify({
    taskHubName: connection.taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}`,
    },
    managementUrls: managementUrls(origin, 'INSTANCEID', connection),
    baseUrl: base,
    requiredQueryStringParameters: '',
    rpcBaseUrl: `${base}/`,
  });
}
