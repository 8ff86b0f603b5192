import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SystemEndpoint } from '../http/localHttpServer.js';
import { writeProblem } from '../http/hostProblem.js';
import { readBody } from '../http/httpBody.js';
import { decodedPathSegments } from '../http/pathSegments.js';
import { managementUrls, type ClientConnection } from './clientInputData.js';
import { CommandError, type InstanceCommands } from './instanceCommands.js';
import { isTerminal } from './instanceStore.js';
import { statusPayload } from './instanceStatus.js';

const continuationHeader = 'x-ms-continuation-token';
const defaultPageSize = 100;

/**
 * The Durable HTTP management API (HttpApiHandler) with the extension's status codes, served
 * under `pathPrefix`: publicly under /runtime/webhooks/durabletask (behind the system key, see
 * keys/systemKeyGuard.ts), and on the loopback listener the JS DurableClient calls through
 * `rpcBaseUrl`. `linkKey` is the key the start answer's links carry (none on loopback).
 */
export class DurableManagementEndpoint implements SystemEndpoint {
  constructor(
    readonly pathPrefix: string,
    private readonly commands: InstanceCommands,
    private readonly connection: ClientConnection,
    private readonly maxRequestBodyBytes: number,
    private readonly linkKey: string | undefined,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const segments = decodedPathSegments(url.pathname.slice(this.pathPrefix.length));
    if (segments === undefined) {
      writeProblem(response, 'bad-request', 'The request path has a malformed percent-encoding.');
      return;
    }
    const [collection, id, operation, argument] = segments;

    if (collection === 'orchestrators' && id !== undefined && method === 'POST' && segments.length <= 3) {
      await this.#start(request, response, url, id, operation);
      return;
    }
    if (collection === 'instances' && id === undefined && method === 'GET') {
      await this.#list(request, response, url);
      return;
    }
    if (collection === 'instances' && id === undefined && method === 'DELETE') {
      const purged = await this.commands.purgeWhere(filterOf(url));
      if (purged === 0) writeProblem(response, 'not-found', 'No finished instance matches the filter.');
      else json(response, 200, { instancesDeleted: purged });
      return;
    }
    if (collection === 'instances' && id !== undefined && operation === undefined) {
      if (method === 'GET') {
        await this.#status(response, url, id);
        return;
      }
      if (method === 'DELETE') {
        const outcome = await this.commands.purge(id);
        if (outcome === 'notFound') writeProblem(response, 'not-found', `No instance with id ${id} found.`);
        else if (outcome === 'running')
          writeProblem(response, 'bad-request', `Instance ${id} has not finished; terminate it first.`);
        else json(response, 200, { instancesDeleted: 1 });
        return;
      }
    }
    if (collection === 'instances' && id !== undefined && method === 'POST') {
      if (operation === 'raiseEvent' && argument !== undefined && segments.length === 4) {
        await this.#raiseEvent(request, response, id, argument);
        return;
      }
      if (operation === 'terminate' && segments.length === 3) {
        const outcome = await this.commands.terminate(id, url.searchParams.get('reason') ?? '');
        answerCommand(response, outcome, id);
        return;
      }
      if (operation !== undefined && ['suspend', 'resume', 'rewind', 'restart'].includes(operation)) {
        json(response, 501, { message: `The local durable engine does not support ${operation}.` });
        return;
      }
    }
    writeProblem(response, 'not-found', `No durable management operation serves ${method} ${url.pathname}.`);
  }

  async #start(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    name: string,
    instanceId: string | undefined,
  ): Promise<void> {
    const body = (await readBody(request, this.maxRequestBodyBytes)).toString('utf8');
    let input: string | null = null;
    if (body.trim() !== '') {
      try {
        input = JSON.stringify(JSON.parse(body));
      } catch {
        // Reported to the caller as the extension does: the start is refused.
        writeProblem(response, 'invalid-json', 'The orchestration input is not valid JSON.');
        return;
      }
    }
    let id: string;
    try {
      id = await this.commands.start(name, instanceId, input);
    } catch (error: unknown) {
      if (error instanceof CommandError) {
        writeProblem(response, error.status === 409 ? 'conflict' : 'bad-request', error.message);
        return;
      }
      throw error;
    }
    const links = managementUrls(`${url.origin}${this.pathPrefix}`, id, this.connection, this.linkKey);
    const { id: _placeholder, ...payload } = links;
    json(response, 202, { id, ...payload }, { location: links.statusQueryGetUri ?? '', 'retry-after': '10' });
  }

  async #status(response: ServerResponse, url: URL, id: string): Promise<void> {
    const showHistory = url.searchParams.get('showHistory') === 'true';
    const found = await this.commands.status(id, showHistory);
    if (found === undefined) {
      writeProblem(response, 'not-found', `No instance with id ${id} found.`);
      return;
    }
    const body = statusPayload(found.record, {
      showInput: url.searchParams.get('showInput') !== 'false',
      showHistoryOutput: url.searchParams.get('showHistoryOutput') === 'true',
      ...(found.history === undefined ? {} : { history: found.history }),
    });
    if (isTerminal(found.record.runtimeStatus)) json(response, 200, body);
    else json(response, 202, body, { location: url.href, 'retry-after': '5' });
  }

  async #list(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const token = request.headers[continuationHeader];
    const top = Number(url.searchParams.get('top') ?? defaultPageSize);
    const page = await this.commands.list({
      ...filterOf(url),
      top: Number.isInteger(top) && top > 0 ? Math.min(top, 1000) : defaultPageSize,
      ...(typeof token === 'string' && token !== '' ? { continuationToken: token } : {}),
    });
    const showInput = url.searchParams.get('showInput') === 'true';
    json(
      response,
      200,
      page.records.map((record) => statusPayload(record, { showInput, showHistoryOutput: false })),
      page.continuationToken === undefined ? {} : { [continuationHeader]: page.continuationToken },
    );
  }

  async #raiseEvent(request: IncomingMessage, response: ServerResponse, id: string, eventName: string): Promise<void> {
    const contentType = request.headers['content-type'] ?? '';
    const body = (await readBody(request, this.maxRequestBodyBytes)).toString('utf8');
    if (!contentType.toLowerCase().includes('application/json')) {
      writeProblem(response, 'bad-request', 'The event data must be sent as application/json.');
      return;
    }
    let data: string | null = null;
    if (body.trim() !== '') {
      try {
        data = JSON.stringify(JSON.parse(body));
      } catch {
        // Refused like a malformed start: the caller learns why.
        writeProblem(response, 'invalid-json', 'The event data is not valid JSON.');
        return;
      }
    }
    answerCommand(response, await this.commands.raiseEvent(id, eventName, data), id);
  }
}

function filterOf(url: URL): { createdTimeFrom?: string; createdTimeTo?: string; runtimeStatus?: string[] } {
  const from = url.searchParams.get('createdTimeFrom');
  const to = url.searchParams.get('createdTimeTo');
  const statuses = (url.searchParams.get('runtimeStatus') ?? '')
    .split(',')
    .map((status) => status.trim())
    .filter((status) => status !== '');
  return {
    ...(from === null ? {} : { createdTimeFrom: new Date(from).toISOString() }),
    ...(to === null ? {} : { createdTimeTo: new Date(to).toISOString() }),
    ...(statuses.length === 0 ? {} : { runtimeStatus: statuses }),
  };
}

function answerCommand(response: ServerResponse, outcome: 'accepted' | 'notFound' | 'gone', id: string): void {
  if (outcome === 'notFound') writeProblem(response, 'not-found', `No instance with id ${id} found.`);
  else if (outcome === 'gone') writeProblem(response, 'gone', `Instance ${id} has already finished.`);
  else response.writeHead(202).end();
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}
