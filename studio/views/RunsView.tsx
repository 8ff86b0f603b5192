import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { describeError, getJson, query, type Page } from '../api.js';
import { formatTime, formatValue, scalarKeys } from '../format.js';
import type { Run } from '../types.js';
import { RunsScatter } from './RunsScatter.js';
import { TokenPager } from '../tokenPager.js';

const pageSize = 50;
/** The User Timing mark of the first page of runs in the document (npm run bench studio). */
export const runsRenderedMark = 'studio:runs-rendered';

interface Search {
  experiment: string;
  status: string;
  filter: string;
  orderBy: string;
  order: 'asc' | 'desc';
}

/**
 * Experiments → runs: one page at a time from the API (continuation tokens), so 10,000 stored runs
 * cost what one page costs. Filter and order are the API's own grammar, evaluated on the server.
 */
export function RunsView(): JSX.Element {
  const [search, setSearch] = useState<Search>({ experiment: '', status: '', filter: '', orderBy: '', order: 'desc' });
  const [draft, setDraft] = useState(search);
  // Tokens of the pages before this one, so "Previous" goes back without re-reading from the start.
  const [tokens, setTokens] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page<Run> | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const token = tokens[tokens.length - 1] ?? null;

  useEffect(() => {
    let current = true;
    setError(undefined);
    getJson<Page<Run>>(
      `/runs${query({
        experiment: search.experiment,
        status: search.status,
        filter: search.filter,
        orderBy: search.orderBy,
        order: search.orderBy === '' ? undefined : search.order,
        pageSize,
        continuationToken: token,
      })}`,
    ).then(
      (result) => {
        if (!current) return;
        setPage(result);
      },
      (failure: unknown) => {
        if (current) setError(describeError(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [search, token]);

  useEffect(() => {
    // After the rows are in the document: the first render the runs benchmark reads from the trace.
    if (page !== undefined && performance.getEntriesByName(runsRenderedMark).length === 0) {
      performance.mark(runsRenderedMark);
    }
  }, [page]);

  const runs = page?.items ?? [];
  const paramKeys = scalarKeys(runs.map((run) => run.params));
  const metricKeys = scalarKeys(runs.map((run) => run.metrics));

  const sortBy = (field: string): void => {
    setTokens([null]);
    setSearch((old) => ({
      ...old,
      orderBy: field,
      order: old.orderBy === field && old.order === 'desc' ? 'asc' : 'desc',
    }));
  };
  const sortState = (field: string): 'ascending' | 'descending' | 'none' =>
    search.orderBy !== field ? 'none' : search.order === 'asc' ? 'ascending' : 'descending';
  const toggle = (runId: string): void => {
    setSelected((old) => (old.includes(runId) ? old.filter((id) => id !== runId) : [...old, runId]));
  };

  return (
    <section aria-labelledby="runs-heading">
      <h1 id="runs-heading">Runs</h1>
      <form
        class="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setTokens([null]);
          setSearch({ ...draft, orderBy: search.orderBy, order: search.order });
        }}
      >
        <label>
          Experiment
          <input
            name="experiment"
            value={draft.experiment}
            onInput={(event) => {
              setDraft({ ...draft, experiment: event.currentTarget.value });
            }}
          />
        </label>
        <label>
          Status
          <select
            name="status"
            value={draft.status}
            onChange={(event) => {
              setDraft({ ...draft, status: event.currentTarget.value });
            }}
          >
            {['', 'queued', 'running', 'succeeded', 'failed', 'cancelled'].map((status) => (
              <option value={status}>{status === '' ? 'any' : status}</option>
            ))}
          </select>
        </label>
        <label class="wide">
          Filter
          <input
            name="filter"
            placeholder="metrics.test_auc>0.9 and params.activation=relu"
            value={draft.filter}
            onInput={(event) => {
              setDraft({ ...draft, filter: event.currentTarget.value });
            }}
          />
        </label>
        <button type="submit">Search</button>
      </form>
      {error !== undefined && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="toolbar">
        <a
          class={selected.length >= 2 ? 'button' : 'button disabled'}
          aria-disabled={selected.length < 2}
          href={selected.length >= 2 ? `#/compare?ids=${selected.map(encodeURIComponent).join(',')}` : undefined}
        >
          Compare {selected.length} selected
        </a>
        <span>{page === undefined ? 'Loading…' : `${runs.length} runs on this page`}</span>
      </div>
      <div class="scroll">
        <table class="runs">
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">Select</span>
              </th>
              <th scope="col">Run</th>
              <th scope="col">Experiment</th>
              <th scope="col">Status</th>
              <th scope="col" aria-sort={sortState('createdAt')}>
                <button
                  type="button"
                  class="link"
                  onClick={() => {
                    sortBy('createdAt');
                  }}
                >
                  Created
                </button>
              </th>
              {paramKeys.map((key) => (
                <th scope="col" aria-sort={sortState(`params.${key}`)}>
                  <button
                    type="button"
                    class="link"
                    onClick={() => {
                      sortBy(`params.${key}`);
                    }}
                  >
                    params.{key}
                  </button>
                </th>
              ))}
              {metricKeys.map((key) => (
                <th scope="col" aria-sort={sortState(`metrics.${key}`)}>
                  <button
                    type="button"
                    class="link"
                    onClick={() => {
                      sortBy(`metrics.${key}`);
                    }}
                  >
                    metrics.{key}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.runId} data-run-id={run.runId}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select run ${run.runId}`}
                    checked={selected.includes(run.runId)}
                    onChange={() => {
                      toggle(run.runId);
                    }}
                  />
                </td>
                <td>
                  <a href={`#/runs/${encodeURIComponent(run.runId)}`}>{run.runId}</a>
                </td>
                <td>{run.experiment}</td>
                <td>{run.status}</td>
                <td>{formatTime(run.createdAt)}</td>
                {paramKeys.map((key) => (
                  <td class="number">{formatValue(run.params[key])}</td>
                ))}
                {metricKeys.map((key) => (
                  <td class="number">{formatValue(run.metrics[key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TokenPager
        label="Pages of runs"
        tokens={tokens}
        nextToken={page?.continuationToken}
        setTokens={setTokens}
        showPageNumber
      />
      {runs.length > 1 && (
        <RunsScatter
          runs={runs}
          fields={[
            ...paramKeys
              .filter((key) => runs.some((run) => typeof run.params[key] === 'number'))
              .map((key) => `params.${key}`),
            ...metricKeys.map((key) => `metrics.${key}`),
          ]}
        />
      )}
    </section>
  );
}
