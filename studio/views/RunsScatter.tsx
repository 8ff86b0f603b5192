import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { LineChart } from '../chart.js';
import type { Run } from '../types.js';

/** A numeric column of the runs table: a param or a metric. */
function valueOf(run: Run, field: string): number | null {
  const [kind, name = ''] = field.split('.');
  const value = kind === 'params' ? run.params[name] : run.metrics[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The runs of the page as points: any numeric param or metric against a metric, to see across many
 * runs how a choice moves a result (what MLflow's and DVC Studio's scatter views are for).
 */
export function RunsScatter(props: { runs: Run[]; fields: string[] }): JSX.Element | null {
  const metrics = props.fields.filter((field) => field.startsWith('metrics.'));
  // Across: what the user picked, else the first param that varies on this page (worked out
  // again for every page, so a new search does not keep an axis chosen for other runs).
  const varies = (field: string): boolean => new Set(props.runs.map((run) => valueOf(run, field))).size > 1;
  const [x, setX] = useState('');
  const [y, setY] = useState(metrics[0] ?? '');
  const chosenX = props.fields.includes(x)
    ? x
    : (props.fields.find((field) => field.startsWith('params.') && varies(field)) ?? props.fields[0] ?? '');
  const chosenY = metrics.includes(y) ? y : (metrics[0] ?? '');
  const points = useMemo(() => {
    const pairs = props.runs
      .map((run) => [valueOf(run, chosenX), valueOf(run, chosenY)] as const)
      .filter((pair): pair is readonly [number, number] => pair[0] !== null && pair[1] !== null)
      .sort((a, b) => a[0] - b[0]);
    return { x: pairs.map((pair) => pair[0]), series: [{ label: chosenY, values: pairs.map((pair) => pair[1]) }] };
  }, [props.runs, chosenX, chosenY]);
  if (chosenX === '' || chosenY === '') return null;
  return (
    <section aria-labelledby="scatter-heading">
      <h2 id="scatter-heading">The runs of this page as points</h2>
      <div class="toolbar">
        <label>
          Across
          <select
            value={chosenX}
            onChange={(event) => {
              setX(event.currentTarget.value);
            }}
          >
            {props.fields.map((field) => (
              <option value={field}>{field}</option>
            ))}
          </select>
        </label>
        <label>
          Up
          <select
            value={chosenY}
            onChange={(event) => {
              setY(event.currentTarget.value);
            }}
          >
            {metrics.map((field) => (
              <option value={field}>{field}</option>
            ))}
          </select>
        </label>
      </div>
      <LineChart
        title={`${chosenY} by ${chosenX}`}
        xLabel={chosenX}
        x={points.x}
        series={points.series}
        lines={false}
      />
    </section>
  );
}
