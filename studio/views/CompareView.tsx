import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { describeError, getJson, query } from '../api.js';
import { LineChart } from '../chart.js';
import { formatValue } from '../format.js';
import type { EpochMetrics } from '../types.js';

interface Compared {
  values: unknown[];
  deltas: (number | null)[] | null;
  differs: boolean;
}

interface Comparison {
  runs: { runId: string; experiment: string; status: string; createdAt: string }[];
  params: Record<string, Compared>;
  metrics: Record<string, Compared>;
}

/** 2–20 runs side by side (GET /runs/compare): overlaid validation curves, and params and metrics with deltas. */
export function CompareView(props: { ids: string[] }): JSX.Element {
  const [comparison, setComparison] = useState<Comparison | undefined>();
  const [histories, setHistories] = useState<EpochMetrics[][]>([]);
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    Promise.all([
      getJson<Comparison>(`/runs/compare${query({ ids: props.ids.join(',') })}`),
      Promise.all(
        props.ids.map((id) =>
          getJson<{ epochs: EpochMetrics[] }>(`/runs/${encodeURIComponent(id)}/metrics`).then((body) => body.epochs),
        ),
      ),
    ]).then(
      ([compared, epochs]) => {
        setComparison(compared);
        setHistories(epochs);
      },
      (failure: unknown) => {
        setError(describeError(failure));
      },
    );
  }, [props.ids]);

  const overlay = useMemo(() => {
    const epochNumbers = [...new Set(histories.flatMap((history) => history.map((epoch) => epoch.epoch)))].sort(
      (a, b) => a - b,
    );
    const line = (metric: string) =>
      histories.map((history, index) => ({
        label: props.ids[index] ?? '',
        values: epochNumbers.map((n) => history.find((epoch) => epoch.epoch === n)?.validation[metric] ?? null),
      }));
    return { x: epochNumbers, loss: line('loss'), accuracy: line('accuracy') };
  }, [histories, props.ids]);

  if (props.ids.length < 2) return <p>Select at least two runs in the runs table to compare them.</p>;
  if (error !== undefined)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (comparison === undefined) return <p>Loading…</p>;

  const rows = (title: string, values: Record<string, Compared>): JSX.Element[] =>
    Object.entries(values)
      .filter(([, compared]) => !onlyDifferences || compared.differs)
      .map(([name, compared]) => (
        <tr class={compared.differs ? 'differs' : ''}>
          <th scope="row">
            {title}.{name}
          </th>
          {compared.values.map((value, index) => (
            <td class="number">
              {formatValue(value)}
              {index > 0 && compared.deltas?.[index] != null && compared.deltas[index] !== 0 && (
                <span class="delta"> ({signed(compared.deltas[index])})</span>
              )}
            </td>
          ))}
        </tr>
      ));

  return (
    <section aria-labelledby="compare-heading">
      <h1 id="compare-heading">Compare {comparison.runs.length} runs</h1>
      {overlay.x.length > 0 && (
        <div class="grid">
          <LineChart title="Validation loss per epoch" xLabel="epoch" x={overlay.x} series={overlay.loss} points />
          <LineChart
            title="Validation accuracy per epoch"
            xLabel="epoch"
            x={overlay.x}
            series={overlay.accuracy}
            points
          />
        </div>
      )}
      <label class="checkbox">
        <input
          type="checkbox"
          checked={onlyDifferences}
          onChange={(event) => {
            setOnlyDifferences(event.currentTarget.checked);
          }}
        />
        Only what differs
      </label>
      <div class="scroll">
        <table class="compare">
          <caption>Params and metrics; deltas against the first run</caption>
          <thead>
            <tr>
              <td />
              {comparison.runs.map((run) => (
                <th scope="col">
                  <a href={`#/runs/${encodeURIComponent(run.runId)}`}>{run.runId}</a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows('params', comparison.params)}
            {rows('metrics', comparison.metrics)}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function signed(value: number | null | undefined): string {
  if (value == null) return '';
  return `${value > 0 ? '+' : ''}${formatValue(value)}`;
}
