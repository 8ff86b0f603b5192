import { once } from 'node:events';
import type { Server } from 'node:http';

/** Listens on host:port (0 for a free port) and resolves with the origin it serves. */
export async function listenOn(server: Server, host: string, port: number): Promise<string> {
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address();
  const bound = address !== null && typeof address === 'object' ? address.port : port;
  return `http://${host}:${bound}`;
}

/** Stops accepting, drops open connections (keep-alive ones would hold the close) and waits. */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = once(server, 'close');
  server.close();
  server.closeAllConnections();
  await closed;
}
