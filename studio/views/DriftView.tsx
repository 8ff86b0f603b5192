import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { describeError, getJson, query, type Page } from '../api.js';
import { LineChart } from '../chart.js';
import { formatTime, formatValue } from '../format.js';
import type { DriftPoint, ModelSummary, ModelVersion } from '../types.js';

const signals = ['EDA', 'BVP', 'TEMP', 'ACC'];

/** Input drift of a model version over time: per signal the mean shift in training standard deviations. */
export function DriftView(): JSX.Element {
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [model, setModel] = useState('');
  const [versions, setVersions] = useState<ModelVersion[]>([]);
  const [version, setVersion] = useState('');
  const [points, setPoints] = useState<DriftPoint[]>([]);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    getJson<Page<ModelSummary>>('/models').then(
      (page) => {
        setModels(page.items);
        setModel(page.items[0]?.name ?? '');
      },
      (failure: unknown) => {
        setError(describeError(failure));
      },
    );
  }, []);
  useEffect(() => {
    if (model === '') return;
    getJson<{ items: ModelVersion[] }>(`/models/${encodeURIComponent(model)}/versions`).then(
      (list) => {
        setVersions(list.items);
        // Keep a version the user picked while the list was loading; else the newest.
        setVersion((current) =>
          list.items.some((item) => item.version === current)
            ? current
            : (list.items[list.items.length - 1]?.version ?? ''),
        );
      },
      (failure: unknown) => {
        setError(describeError(failure));
      },
    );
  }, [model]);
  useEffect(() => {
    if (model === '' || version === '') return;
    getJson<Page<DriftPoint>>(
      `/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}/drift${query({ pageSize: 500 })}`,
    ).then(
      (page) => {
        setPoints(page.items);
      },
      (failure: unknown) => {
        setError(describeError(failure));
      },
    );
  }, [model, version]);

  const chart = useMemo(() => {
    const oldestFirst = [...points].reverse();
    return {
      x: oldestFirst.map((point) => Date.parse(point.createdAt) / 1000),
      series: signals.map((signal) => ({
        label: signal,
        values: oldestFirst.map((point) => point.signals[signal]?.meanShiftInStd ?? null),
      })),
    };
  }, [points]);

  return (
    <section aria-labelledby="drift-heading">
      <h1 id="drift-heading">Input drift</h1>
      {error !== undefined && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="toolbar">
        <label>
          Model
          <select
            value={model}
            onChange={(event) => {
              setModel(event.currentTarget.value);
            }}
          >
            {models.map((item) => (
              <option value={item.name}>{item.name}</option>
            ))}
          </select>
        </label>
        <label>
          Version
          <select
            value={version}
            onChange={(event) => {
              setVersion(event.currentTarget.value);
            }}
          >
            {versions.map((item) => (
              <option value={item.version}>{item.version}</option>
            ))}
          </select>
        </label>
      </div>
      {points.length === 0 ? (
        <p>No prediction has been scored for this version.</p>
      ) : (
        <>
          <LineChart
            title="Mean shift in training standard deviations, per prediction (seconds since 1970 on the axis)"
            xLabel="time"
            x={chart.x}
            series={chart.series}
            points
          />
          <table>
            <thead>
              <tr>
                {['When', 'Input', 'Windows', 'Flagged', ...signals].map((column) => (
                  <th scope="col">{column}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr>
                  <td>{formatTime(point.createdAt)}</td>
                  <td>{point.inputKind}</td>
                  <td class="number">{point.windows}</td>
                  <td>{point.flagged ? 'yes' : 'no'}</td>
                  {signals.map((signal) => (
                    <td class="number">{formatValue(point.signals[signal]?.meanShiftInStd ?? null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
