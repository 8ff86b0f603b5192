import { odata } from '@azure/data-tables';
import type { RunRecord, RunStatus } from './runRecords.js';

export type Comparison = '>' | '>=' | '<' | '<=' | '=' | '!=';

/** `metrics.test_auc > 0.9`, `params.learning_rate <= 0.01`, `params.activation = relu`. */
export interface RunCondition {
  field: 'metrics' | 'params';
  name: string;
  comparison: Comparison;
  value: number | string;
}

export interface RunOrder {
  field: 'metrics' | 'params' | 'createdAt';
  name: string;
  direction: 'asc' | 'desc';
}

export interface RunQuery {
  experiment?: string | undefined;
  status?: RunStatus | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  conditions: RunCondition[];
  order?: RunOrder | undefined;
}

const conditionPattern = /^(metrics|params)\.([A-Za-z][A-Za-z0-9_]{0,63})\s*(>=|<=|!=|>|<|=)\s*(.+)$/;

/** Parses one `filter` expression; undefined when it is not of the supported form. */
export function parseRunCondition(text: string): RunCondition | undefined {
  const match = conditionPattern.exec(text.trim());
  if (match === null) return undefined;
  const [, field, name = '', comparison, rawValue = ''] = match;
  const trimmed = rawValue.trim();
  const numeric = Number(trimmed);
  return {
    field: field as RunCondition['field'],
    name,
    comparison: comparison as Comparison,
    value: trimmed !== '' && Number.isFinite(numeric) ? numeric : trimmed.replace(/^'(.*)'$/, '$1'),
  };
}

/** Table column holding a scalar param or metric, so conditions run on the server. */
export function columnOf(field: 'metrics' | 'params', name: string): string {
  return `${field === 'metrics' ? 'm' : 'p'}_${name}`;
}

const odataOperators: Record<Comparison, string> = {
  '>': 'gt',
  '>=': 'ge',
  '<': 'lt',
  '<=': 'le',
  '=': 'eq',
  '!=': 'ne',
};

/**
 * The OData filter for a query: the experiment is the partition, so a query naming one reads
 * that partition only; the other conditions are evaluated by the table service.
 */
export function odataFilterOf(query: RunQuery, partitionKey: string | undefined): string | undefined {
  const parts: string[] = [];
  if (partitionKey !== undefined) parts.push(odata`PartitionKey eq ${partitionKey}`);
  if (query.status !== undefined) parts.push(odata`status eq ${query.status}`);
  if (query.createdFrom !== undefined) parts.push(odata`createdAt ge ${query.createdFrom}`);
  if (query.createdTo !== undefined) parts.push(odata`createdAt lt ${query.createdTo}`);
  for (const condition of query.conditions) {
    const column = columnOf(condition.field, condition.name);
    const operator = odataOperators[condition.comparison];
    // Column names are checked by the pattern above; values go through odata`` for escaping.
    parts.push(`${column} ${operator} ${odata`${condition.value}`}`);
  }
  return parts.length === 0 ? undefined : parts.join(' and ');
}

/** Sorts runs by a param, a metric or the creation time; runs without the value sort last. */
export function compareRuns(order: RunOrder): (a: RunRecord, b: RunRecord) => number {
  const valueOf = (run: RunRecord): unknown =>
    order.field === 'createdAt'
      ? run.createdAt
      : order.field === 'metrics'
        ? run.metrics[order.name]
        : run.params[order.name];
  const sign = order.direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const left = valueOf(a);
    const right = valueOf(b);
    if (left === undefined || left === null) return right === undefined || right === null ? 0 : 1;
    if (right === undefined || right === null) return -1;
    if (typeof left === 'number' && typeof right === 'number') return sign * (left - right);
    return sign * JSON.stringify(left).localeCompare(JSON.stringify(right));
  };
}
