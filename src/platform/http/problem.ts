/**
 * RFC 9457 problem details. Every error the API or the local host returns is one of these,
 * with a stable `type` per kind so that clients can branch on it.
 */

export const problemMediaType = 'application/problem+json';

const problemKinds = {
  'bad-request': { status: 400, title: 'Bad request' },
  'invalid-json': { status: 400, title: 'The request body is not valid JSON' },
  validation: { status: 422, title: 'The request is not valid' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'gate-refused': { status: 422, title: 'A promotion gate refused the change' },
  gone: { status: 410, title: 'Gone' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'storage-unavailable': { status: 503, title: 'Storage is unavailable' },
  'server-busy': { status: 503, title: 'Too many heavy requests at once; retry later' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ProblemKind = keyof typeof problemKinds;

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

/** Shaped like the library's HttpResponseInit, so a handler returns it as it is. */
export interface ProblemResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function problemTypeUri(kind: ProblemKind): string {
  return `urn:wesad-mlops:problem:${kind}`;
}

export function problemDetails(
  kind: ProblemKind,
  detail?: string,
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  const { status, title } = problemKinds[kind];
  return { ...extensions, type: problemTypeUri(kind), title, status, ...(detail === undefined ? {} : { detail }) };
}

export function problemResponse(
  kind: ProblemKind,
  detail?: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): ProblemResponse {
  const details = problemDetails(kind, detail, extensions);
  return {
    status: details.status,
    headers: { ...headers, 'content-type': problemMediaType },
    body: JSON.stringify(details),
  };
}
