import type { RunRecord, RunStatus } from './runRecords.js';
import { odataLiteral } from './odataLiterals.js';

export type Comparison = '>' | '>=' | '<' | '<=' | '=' | '!=';

/**
 * `metrics.test_auc > 0.9`, `params.activation = 'relu'`, `status = running`: a parsed condition
 * (runFilterGrammar.ts), its value typed. For experiment, status and createdAt, name is the field.
 */
export interface RunCondition {
  field: 'metrics' | 'params' | 'experiment' | 'status' | 'createdAt';
  name: string;
  comparison: Comparison;
  value: number | string | boolean;
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

/** The table column a condition reads: scalar params and metrics are stored as p_… and m_… columns. */
function conditionColumn(condition: RunCondition): string {
  return condition.field === 'metrics' || condition.field === 'params'
    ? columnOf(condition.field, condition.name)
    : condition.field;
}

/** One comparison of a stored column with a typed value: what a query asks of each row. */
export interface ColumnTest {
  column: string;
  comparison: Comparison;
  value: number | string | boolean;
}

/**
 * Everything a query asks of a row besides its partition, as column tests: the table service
 * evaluates them as OData (odataFilterOf) and the search projection in memory (runMatching.ts),
 * so both read the same columns with the same comparisons.
 */
export function columnTestsOf(query: RunQuery): ColumnTest[] {
  const tests: ColumnTest[] = [];
  if (query.status !== undefined) tests.push({ column: 'status', comparison: '=', value: query.status });
  if (query.createdFrom !== undefined) tests.push({ column: 'createdAt', comparison: '>=', value: query.createdFrom });
  if (query.createdTo !== undefined) tests.push({ column: 'createdAt', comparison: '<', value: query.createdTo });
  for (const condition of query.conditions) {
    tests.push({ column: conditionColumn(condition), comparison: condition.comparison, value: condition.value });
  }
  return tests;
}

/**
 * The OData filter for a query: the experiment is the partition, so a query naming one reads
 * that partition only; the other conditions are evaluated by the table service. Every value is
 * a typed literal (odataLiterals.ts) and every column comes from a parsed, checked name, so no
 * text of the request reaches the filter unquoted.
 */
export function odataFilterOf(query: RunQuery, partitionKey: string | undefined): string | undefined {
  const parts: string[] = [];
  if (partitionKey !== undefined) parts.push(`PartitionKey eq ${odataLiteral(partitionKey)}`);
  for (const test of columnTestsOf(query)) {
    parts.push(`${test.column} ${odataOperators[test.comparison]} ${odataLiteral(test.value)}`);
  }
  return parts.length === 0 ? undefined : parts.join(' and ');
}

/** Sorts runs by a param, a metric or the creation time; runs without the value sort last. */
export function compareRuns(order: RunOrder): (a: RunRecord, b: RunRecord) => number {
  // Own properties only: a name such as "constructor" must never find the prototype's member.
  const valueOf = (run: RunRecord): unknown =>
    order.field === 'createdAt'
      ? run.createdAt
      : order.field === 'metrics'
        ? ownValue(run.metrics, order.name)
        : ownValue(run.params, order.name);
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

function ownValue(record: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}
