import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';

/** HTTP functions that use the real DurableClient, as the product's starters will. */

const durableClient = df.input.durableClient();

app.http('startOrchestration', {
  route: 'durable/start/{name}/{instanceId?}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const client = df.getClient(context);
    const body = await request.text();
    const instanceId = await client.startNew(request.params.name ?? '', {
      ...(body === '' ? {} : { input: JSON.parse(body) as unknown }),
      ...(request.params.instanceId === undefined ? {} : { instanceId: request.params.instanceId }),
    });
    // Without the request, the links come from the binding data alone (getClient's URL handling).
    if (request.query.get('payload') === 'true') return { jsonBody: client.createHttpManagementPayload(instanceId) };
    return client.createCheckStatusResponse(request, instanceId);
  },
});

app.http('orchestrationStatus', {
  route: 'durable/status/{instanceId}',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const status = await df.getClient(context).getStatus(request.params.instanceId ?? '', {
      showHistory: true,
      showHistoryOutput: true,
      showInput: true,
    });
    return { jsonBody: status };
  },
});

app.http('raiseOrchestrationEvent', {
  route: 'durable/raise/{instanceId}/{eventName}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const data = await request.json();
    await df.getClient(context).raiseEvent(request.params.instanceId ?? '', request.params.eventName ?? '', data);
    return { status: 202 };
  },
});

app.http('terminateOrchestration', {
  route: 'durable/terminate/{instanceId}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    await df.getClient(context).terminate(request.params.instanceId ?? '', 'stopped by a test');
    return { status: 202 };
  },
});

app.http('purgeOrchestration', {
  route: 'durable/purge/{instanceId}',
  methods: ['DELETE'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const result = await df.getClient(context).purgeInstanceHistory(request.params.instanceId ?? '');
    return { jsonBody: result };
  },
});

app.http('listOrchestrations', {
  route: 'durable/list',
  methods: ['GET'],
  authLevel: 'anonymous',
  extraInputs: [durableClient],
  handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const from = request.query.get('from');
    const statuses = await df.getClient(context).getStatusBy({
      ...(from === null ? {} : { createdTimeFrom: new Date(from) }),
      runtimeStatus: [df.OrchestrationRuntimeStatus.Completed],
    });
    return { jsonBody: statuses.map((status) => ({ instanceId: status.instanceId, name: status.name })) };
  },
});
