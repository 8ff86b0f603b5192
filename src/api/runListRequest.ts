import { HttpProblem } from '../platform/http/httpProblem.js';
import type { RunCondition, RunQuery } from '../domain/runs/runQuery.js';
import { FilterSyntaxError, parseRunFilter, parseRunOrderField } from '../domain/runs/runFilterGrammar.js';

export interface RunListParameters {
  experiment?: string | undefined;
  status?: RunQuery['status'];
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  orderBy?: string | undefined;
  order: 'asc' | 'desc';
}

/** At most this many `filter` parameters; each may join several conditions with "and". */
export const maxFilterParameters = 10;

/**
 * The run query a list request asks for. `filter` and `orderBy` are parsed by the run search
 * grammar; text that is not a sentence of it is a 400 naming the parameter and the position.
 */
export function runQueryOf(parameters: RunListParameters, filters: readonly string[]): RunQuery {
  if (filters.length > maxFilterParameters) {
    throw new HttpProblem('bad-request', `At most ${maxFilterParameters} filter parameters.`, { parameter: 'filter' });
  }
  const conditions: RunCondition[] = [];
  for (const [index, text] of filters.entries()) {
    conditions.push(...parsed('filter', index, () => parseRunFilter(text)));
  }
  const orderBy = parameters.orderBy;
  const order =
    orderBy === undefined
      ? undefined
      : { ...parsed('orderBy', 0, () => parseRunOrderField(orderBy)), direction: parameters.order };
  return {
    experiment: parameters.experiment,
    status: parameters.status,
    createdFrom: storedTimeOf(parameters.createdFrom),
    createdTo: storedTimeOf(parameters.createdTo),
    conditions,
    order,
  };
}

function parsed<T>(parameter: 'filter' | 'orderBy', index: number, parse: () => T): T {
  try {
    return parse();
  } catch (error: unknown) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    throw new HttpProblem('bad-request', `${parameter}: ${error.message}`, {
      parameter,
      ...(parameter === 'filter' ? { index } : {}),
      position: error.position,
      expected: error.expected,
    });
  }
}

/** createdAt is stored as toISOString() text and compared as text: 00:01:00Z must read as 00:01:00.000Z. */
function storedTimeOf(time: string | undefined): string | undefined {
  if (time === undefined) return undefined;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toISOString();
}
