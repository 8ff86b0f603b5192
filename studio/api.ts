/** A problem+json answer of the API (RFC 9457), with the members this app's problems may carry. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  checks?: { check: string; passed: boolean; detail: string }[];
  position?: number;
  expected?: string;
  requiredRoles?: string[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

export interface Page<T> {
  items: T[];
  continuationToken: string | null;
}

/** The API root: the studio is served at {prefix}/studio/, so the API is the folder above it. */
export const apiRoot = new URL('..', window.location.href.split('#')[0]).pathname.replace(/\/$/, '');

/**
 * Calls the API on this origin. The browser sends the session (Easy Auth's cookie in Azure, the
 * local host's in development) by itself; nothing is sent elsewhere.
 */
// The API answers the shapes docs/api.md documents; T names the one the caller expects.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export async function api<T>(path: string, init: RequestInit = {}): Promise<{ body: T; etag: string | null }> {
  const response = await fetch(`${apiRoot}${path}`, { credentials: 'same-origin', ...init });
  if (!response.ok) {
    const text = await response.text();
    let problem: Problem = { status: response.status, title: response.statusText };
    try {
      problem = { ...problem, ...(JSON.parse(text) as Problem) };
    } catch {
      // Not a problem document (e.g. a proxy's page): keep the status.
    }
    throw new ApiError(problem);
  }
  const body = response.status === 204 ? undefined : ((await response.json()) as T);
  return { body: body as T, etag: response.headers.get('etag') };
}

export async function getJson<T>(path: string): Promise<T> {
  return (await api<T>(path)).body;
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function sendJson<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ body: T; etag: string | null }> {
  return api<T>(path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export function query(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const { problem } = error;
    const where =
      problem.position === undefined ? '' : ` (at position ${problem.position}, expected ${problem.expected ?? '?'})`;
    return `${problem.title ?? 'Error'} (${problem.status}): ${problem.detail ?? ''}${where}`;
  }
  return error instanceof Error ? error.message : String(error);
}
