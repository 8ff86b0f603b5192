import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, apiRoot, describeError, getJson } from '../api.js';
import { LineChart } from '../chart.js';
import { formatTime, formatValue } from '../format.js';
import type { EpochMetrics, Evaluation, Run } from '../types.js';

/** One run: params, metrics, lineage to the raw uploads, learning curves, ROC, confusion, per subject. */
export function RunDetailView(props: { runId: string }): JSX.Element {
  const [run, setRun] = useState<Run | undefined>();
  const [epochs, setEpochs] = useState<EpochMetrics[]>([]);
  const [evaluation, setEvaluation] = useState<Evaluation | null | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const id = encodeURIComponent(props.runId);
    Promise.all([
      getJson<Run>(`/runs/${id}`),
      getJson<{ epochs: EpochMetrics[] }>(`/runs/${id}/metrics`),
      getJson<Evaluation>(`/runs/${id}/evaluation`).catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.problem.status === 404) return null;
        throw failure;
      }),
    ]).then(
      ([record, history, evaluated]) => {
        setRun(record);
        setEpochs(history.epochs);
        setEvaluation(evaluated);
      },
      (failure: unknown) => {
        setError(describeError(failure));
      },
    );
  }, [props.runId]);

  const curves = useMemo(() => {
    const x = epochs.map((epoch) => epoch.epoch);
    const line = (part: 'train' | 'validation', metric: string) => ({
      label: `${part} ${metric}`,
      values: epochs.map((epoch) => epoch[part][metric] ?? null),
    });
    return {
      x,
      loss: [line('train', 'loss'), line('validation', 'loss')],
      accuracy: [line('train', 'accuracy'), line('validation', 'accuracy')],
    };
  }, [epochs]);
  const roc = useMemo(() => {
    const points = [...(evaluation?.test.roc ?? [])].sort((a, b) => a.falsePositiveRate - b.falsePositiveRate);
    return {
      x: points.map((point) => point.falsePositiveRate),
      series: [{ label: 'true positive rate', values: points.map((point) => point.truePositiveRate) }],
    };
  }, [evaluation]);

  if (error !== undefined)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (run === undefined) return <p>Loading…</p>;
  const confusion = evaluation?.test.confusion;
  return (
    <section aria-labelledby="run-heading">
      <h1 id="run-heading">Run {run.runId}</h1>
      <dl class="facts">
        <dt>Status</dt>
        <dd>{run.status}</dd>
        <dt>Experiment</dt>
        <dd>{run.experiment}</dd>
        <dt>Created</dt>
        <dd>
          {formatTime(run.createdAt)} by {run.createdBy}
        </dd>
        <dt>Model version</dt>
        <dd>
          {run.modelVersion === null ? (
            '—'
          ) : (
            <a href={`#/registry/${encodeURIComponent(run.modelName)}`}>
              {run.modelName} {run.modelVersion}
            </a>
          )}
        </dd>
        <dt>Subjects</dt>
        <dd>
          train {run.trainSubjects.join(', ')}; validation {run.validationSubjects.join(', ')}; test{' '}
          {run.testSubjects.join(', ')}
        </dd>
        {run.evaluation !== undefined && (
          <>
            <dt>Evaluation</dt>
            <dd>
              <a href={`#/evaluations/${encodeURIComponent(run.evaluation.evaluationId)}`}>
                {run.evaluation.evaluationId}
              </a>{' '}
              (configuration {run.evaluation.configuration}, fold {run.evaluation.fold})
            </dd>
          </>
        )}
        {run.error !== null && (
          <>
            <dt>Error</dt>
            <dd>{run.error}</dd>
          </>
        )}
      </dl>
      <p>
        <a href={`${apiRoot}/runs/${encodeURIComponent(run.runId)}/report`}>The run's report page</a>
      </p>
      <div class="grid">
        <KeyValues title="Params" values={run.params} />
        <KeyValues title="Metrics" values={run.metrics} />
      </div>
      <h2>Learning curves</h2>
      {epochs.length === 0 ? (
        <p>No epoch has finished.</p>
      ) : (
        <div class="grid">
          <LineChart title="Loss per epoch" xLabel="epoch" x={curves.x} series={curves.loss} points />
          <LineChart title="Accuracy per epoch" xLabel="epoch" x={curves.x} series={curves.accuracy} points />
        </div>
      )}
      <h2>Held-out evaluation</h2>
      {evaluation == null || confusion === undefined ? (
        <p>{evaluation === undefined ? 'Loading…' : 'The run has not been evaluated.'}</p>
      ) : (
        <>
          <div class="grid">
            <LineChart
              title={`ROC curve (AUC ${formatValue(evaluation.test.rocAuc)})`}
              xLabel="false positive rate"
              x={roc.x}
              series={roc.series}
              yRange={[0, 1]}
            />
            <table class="confusion">
              <caption>Confusion matrix (test windows)</caption>
              <thead>
                <tr>
                  <td />
                  <th scope="col">predicted stress</th>
                  <th scope="col">predicted no stress</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">stress</th>
                  <td class="number">{confusion.truePositives}</td>
                  <td class="number">{confusion.falseNegatives}</td>
                </tr>
                <tr>
                  <th scope="row">no stress</th>
                  <td class="number">{confusion.falsePositives}</td>
                  <td class="number">{confusion.trueNegatives}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <table>
            <caption>Per subject</caption>
            <thead>
              <tr>
                {['Subject', 'Windows', 'Accuracy', 'F1', 'ROC AUC'].map((name) => (
                  <th scope="col">{name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {evaluation.perSubject.map((subject) => (
                <tr>
                  <th scope="row">{subject.subject}</th>
                  <td class="number">{subject.windows}</td>
                  <td class="number">{formatValue(subject.metrics.accuracy)}</td>
                  <td class="number">{formatValue(subject.metrics.f1)}</td>
                  <td class="number">{formatValue(subject.metrics.rocAuc)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>Lineage</h2>
      {run.datasetSnapshot === null ? (
        <p>No dataset snapshot.</p>
      ) : (
        <table>
          <caption>Snapshot {run.datasetSnapshot.hash}: window sets and the raw uploads they came from</caption>
          <thead>
            <tr>
              {['Subject', 'Window set', 'Windows', 'Raw blob', 'Raw sha256'].map((name) => (
                <th scope="col">{name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {run.datasetSnapshot.windowSets.map((set) => (
              <tr>
                <th scope="row">{set.subject}</th>
                <td>
                  <a href={`#/data/${encodeURIComponent(set.subject)}/${encodeURIComponent(set.version)}`}>
                    {set.version}
                  </a>
                </td>
                <td class="number">{set.windows}</td>
                <td>{set.sourceBlob}</td>
                <td class="hash">{set.sourceSha256}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function KeyValues(props: { title: string; values: Record<string, unknown> }): JSX.Element {
  return (
    <table>
      <caption>{props.title}</caption>
      <tbody>
        {Object.entries(props.values).map(([key, value]) => (
          <tr>
            <th scope="row">{key}</th>
            <td>{formatValue(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
