import { HttpProblem } from '../platform/http/httpProblem.js';
import { parseRunCondition, type RunCondition, type RunQuery } from '../domain/runs/runQuery.js';

export interface RunListParameters {
  experiment?: string | undefined;
  status?: RunQuery['status'];
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  orderBy?: string | undefined;
  order: 'asc' | 'desc';
}

/** The run query a list request asks for; every `filter` value must be a condition we understand. */
export function runQueryOf(parameters: RunListParameters, filters: readonly string[]): RunQuery {
  const conditions: RunCondition[] = [];
  for (const text of filters) {
    const condition = parseRunCondition(text);
    if (condition === undefined) {
      throw new HttpProblem(
        'validation',
        `"${text}" is not a filter such as metrics.test_auc>0.9 or params.activation=relu.`,
      );
    }
    conditions.push(condition);
  }
  const [field, name = ''] = (parameters.orderBy ?? '').split('.');
  return {
    experiment: parameters.experiment,
    status: parameters.status,
    createdFrom: parameters.createdFrom,
    createdTo: parameters.createdTo,
    conditions,
    order:
      parameters.orderBy === undefined
        ? undefined
        : field === 'createdAt'
          ? { field: 'createdAt', name: 'createdAt', direction: parameters.order }
          : { field: field === 'metrics' ? 'metrics' : 'params', name, direction: parameters.order },
  };
}
