import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SystemEndpoint } from '../http/localHttpServer.js';
import { writeProblem } from '../http/hostProblem.js';
import type { HostKeys } from './hostKeys.js';

/**
 * A host endpoint with authorization level System, as the Functions host guards extension
 * webhooks: the request must present the master key or the extension's system key, as the
 * `code` query parameter or the `x-functions-key` header, or it is refused with 401 before the
 * extension sees it ("Azure Functions HTTP trigger: authorization keys", function-keys-how-to;
 * Durable "HTTP API reference", durable-functions-http-api: `systemKey` is required).
 */
export class SystemKeyGuard implements SystemEndpoint {
  readonly pathPrefix: string;

  constructor(
    private readonly inner: SystemEndpoint,
    private readonly keys: HostKeys,
    private readonly systemKeyName: string,
  ) {
    this.pathPrefix = inner.pathPrefix;
  }

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!this.keys.admits(this.systemKeyName, presentedKey(request, url))) {
      // The body is never read: the connection closes after the answer instead of draining it.
      writeProblem(response, 'unauthorized', 'This host endpoint needs the system key or the master key.', {
        connection: 'close',
      });
      return;
    }
    await this.inner.handle(request, response, url);
  }
}

function presentedKey(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers['x-functions-key'];
  if (typeof header === 'string' && header !== '') return header;
  return url.searchParams.get('code') ?? undefined;
}
