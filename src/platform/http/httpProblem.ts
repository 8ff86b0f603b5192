import type { ProblemKind } from './problem.js';

/** Thrown by request handling code to answer with a specific problem instead of a 500. */
export class HttpProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}
