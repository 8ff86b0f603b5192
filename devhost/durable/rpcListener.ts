import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { HostLogger } from '../core/functionCatalog.js';
import { describeError } from '../core/describeError.js';
import { writeProblem } from '../http/hostProblem.js';
import type { SystemEndpoint } from '../http/localHttpServer.js';

/**
 * The extension's loopback listener for out-of-process clients (in Azure the Durable extension's
 * LocalHttpListener on http://127.0.0.1:17071, which only code inside the instance can reach and
 * which therefore asks for no key). Here it takes a free port, so hosts started side by side
 * never collide, and binds to 127.0.0.1 only.
 */
export class DurableRpcListener {
  readonly #server: Server;
  #origin: string | undefined;

  constructor(
    private readonly endpoint: SystemEndpoint,
    private readonly logger: HostLogger,
  ) {
    this.#server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (!url.pathname.startsWith(endpoint.pathPrefix)) {
        writeProblem(response, 'not-found', `Nothing is served at ${url.pathname}.`);
        return;
      }
      endpoint.handle(request, response, url).catch((error: unknown) => {
        this.logger(
          'error',
          'system',
          `Durable RPC ${request.method ?? ''} ${url.pathname} failed: ${describeError(error)}`,
        );
        if (!response.headersSent) writeProblem(response, 'internal', 'The durable endpoint failed.');
        else response.destroy();
      });
    });
  }

  async start(): Promise<string> {
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('The durable RPC listener has no port.');
    this.#origin = `http://127.0.0.1:${address.port}`;
    return this.#origin;
  }

  get origin(): string {
    if (this.#origin === undefined) throw new Error('The durable RPC listener has not started.');
    return this.#origin;
  }

  async stop(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = once(this.#server, 'close');
    this.#server.close();
    this.#server.closeAllConnections();
    await closed;
  }
}
