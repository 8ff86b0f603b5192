import type { ProblemKind } from './problem.js';

/** Thrown by request handling code to answer with a specific problem instead of a 500. */
export class HttpProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers the problem needs, e.g. Retry-After on 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}
