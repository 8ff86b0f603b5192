import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { Invoker } from '../core/invoker.js';
import type { HostLogger } from '../core/functionCatalog.js';
import type { RpcHttpResponse } from '../core/coreTypes.js';
import { describeError } from '../core/describeError.js';
import { BodyTooLargeError, readBody } from './httpBody.js';
import { writeProblem } from './hostProblem.js';
import { formatSetCookie } from './cookies.js';
import { decodedPathSegments } from './pathSegments.js';
import type { HttpRouteTable } from './httpRouteTable.js';

/** A handler for the host's own endpoints (e.g. /runtime/webhooks/...), outside the route prefix. */
export interface SystemEndpoint {
  readonly pathPrefix: string;
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void>;
}

export interface LocalHttpServerOptions {
  host: string;
  port: number;
  /** host.json extensions.http.routePrefix; '' serves functions at the root. */
  routePrefix: string;
  maxRequestBodyBytes: number;
  systemEndpoints?: readonly SystemEndpoint[];
  /** Plays the platform's authentication: rewrites the caller headers before the app sees them. */
  authenticate?: (headers: Record<string, string>) => Record<string, string>;
  /**
   * Plays the platform's Return401: true refuses the request from its path and authenticated
   * headers alone, before its body is read.
   */
  refuseUnauthenticated?: (pathname: string, headers: Record<string, string>) => boolean;
}

/** Serves HTTP-triggered functions the way the Functions host does, over plain HTTP. */
export class LocalHttpServer {
  readonly #server: Server;
  #origin: string | undefined;

  constructor(
    private readonly routes: HttpRouteTable,
    private readonly invoker: Invoker,
    private readonly options: LocalHttpServerOptions,
    private readonly logger: HostLogger,
  ) {
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        this.logger(
          'error',
          'system',
          `HTTP ${request.method ?? ''} ${request.url ?? ''} failed: ${describeError(error)}`,
        );
        if (!response.headersSent) writeProblem(response, 'internal', 'The host failed to handle the request.');
        else response.destroy();
      });
    });
  }

  async start(): Promise<string> {
    this.#server.listen(this.options.port, this.options.host);
    await once(this.#server, 'listening');
    const address = this.#server.address();
    const port = address !== null && typeof address === 'object' ? address.port : this.options.port;
    this.#origin = `http://${this.options.host}:${port}`;
    return this.#origin;
  }

  get origin(): string {
    if (this.#origin === undefined) throw new Error('The HTTP server has not started.');
    return this.#origin;
  }

  async stop(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = once(this.#server, 'close');
    this.#server.close();
    this.#server.closeAllConnections();
    await closed;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(
      request.url ?? '/',
      `http://${request.headers.host ?? `${this.options.host}:${this.options.port}`}`,
    );
    const method = (request.method ?? 'GET').toUpperCase();
    const pathSegments = decodedPathSegments(url.pathname);
    if (pathSegments === undefined) {
      writeProblem(response, 'bad-request', 'The request path has a malformed percent-encoding.');
      return;
    }

    const system = this.options.systemEndpoints?.find((endpoint) => url.pathname.startsWith(endpoint.pathPrefix));
    if (system !== undefined) {
      await system.handle(request, response, url);
      return;
    }

    const headers = this.options.authenticate?.(flattenHeaders(request)) ?? flattenHeaders(request);
    if (this.options.refuseUnauthenticated?.(url.pathname, headers) === true) {
      // The body is never read: the connection closes after the answer instead of draining it.
      writeProblem(response, 'unauthorized', 'Sign in: the platform lets no unauthenticated request through here.', {
        'www-authenticate': 'Bearer',
        connection: 'close',
      });
      return;
    }

    const segments = routeSegments(pathSegments, this.options.routePrefix);
    const lookup = segments === undefined ? ({ kind: 'notFound' } as const) : this.routes.lookup(method, segments);
    if (lookup.kind === 'notFound') {
      writeProblem(response, 'not-found', `No function serves ${method} ${url.pathname}.`);
      return;
    }
    if (lookup.kind === 'methodNotAllowed') {
      writeProblem(response, 'method-not-allowed', `${method} is not allowed on ${url.pathname}.`, {
        allow: lookup.allowed.join(', '),
      });
      return;
    }

    let body: Buffer;
    try {
      body = await readBody(request, this.options.maxRequestBodyBytes);
    } catch (error: unknown) {
      if (error instanceof BodyTooLargeError) {
        writeProblem(response, 'payload-too-large', error.message, { connection: 'close' });
        return;
      }
      throw error;
    }

    const { fn } = lookup.route;
    let result: RpcHttpResponse | undefined;
    try {
      const invocation = await this.invoker.invoke(fn, {
        trigger: {
          http: {
            method,
            url: url.href,
            headers,
            params: lookup.params,
            ...(body.length > 0 ? { body: { bytes: body } } : {}),
          },
        },
      });
      result = invocation.returnValue?.http;
    } catch (error: unknown) {
      // The real host answers 500 with no body; a problem document says more without leaking.
      this.logger('error', 'system', `Function "${fn.metadata.name}" failed: ${describeError(error)}`);
      writeProblem(response, 'internal', `Function "${fn.metadata.name}" failed.`);
      return;
    }
    writeFunctionResponse(response, result);
  }
}

function routeSegments(segments: readonly string[], routePrefix: string): string[] | undefined {
  const prefix = routePrefix.split('/').filter((part) => part !== '');
  for (const [index, part] of prefix.entries()) {
    if (segments[index]?.toLowerCase() !== part.toLowerCase()) return undefined;
  }
  return segments.slice(prefix.length);
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function writeFunctionResponse(response: ServerResponse, result: RpcHttpResponse | undefined): void {
  if (result === undefined) {
    response.writeHead(204).end();
    return;
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
  const cookies = (result.cookies ?? []).map(formatSetCookie);
  if (cookies.length > 0) response.setHeader('set-cookie', cookies);
  const body = result.body?.bytes ?? (result.body?.string === undefined ? undefined : Buffer.from(result.body.string));
  response.statusCode = Number(result.statusCode ?? 200);
  response.end(body === undefined ? undefined : Buffer.from(body));
}
