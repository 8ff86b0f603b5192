import type { ServerResponse } from 'node:http';

/**
 * The host's own answers (no function for a route, a body too large, the durable management API):
 * RFC 9457 problem documents with the app's `urn:wesad-mlops:problem:*` types, so that a client
 * branches on one vocabulary whether the host or a function refused. (The real host answers these
 * with an empty body; a problem document says more without leaking anything.)
 */
const hostProblems = {
  'bad-request': [400, 'Bad request'],
  'invalid-json': [400, 'The request body is not valid JSON'],
  unauthorized: [401, 'Unauthorized'],
  'not-found': [404, 'Not found'],
  'method-not-allowed': [405, 'Method not allowed'],
  conflict: [409, 'Conflict'],
  gone: [410, 'Gone'],
  'payload-too-large': [413, 'Payload too large'],
  internal: [500, 'Internal error'],
} as const satisfies Record<string, readonly [number, string]>;

export type HostProblem = keyof typeof hostProblems;

export function writeProblem(
  response: ServerResponse,
  kind: HostProblem,
  detail: string,
  headers: Record<string, string> = {},
): void {
  const [status, title] = hostProblems[kind];
  response.writeHead(status, { ...headers, 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: `urn:wesad-mlops:problem:${kind}`, title, status, detail }));
}
