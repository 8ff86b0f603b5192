import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiRoot, describeError, getJson } from '../api.js';
import { LineChart } from '../chart.js';
import { formatTime, formatValue } from '../format.js';
import type { Evaluation } from '../types.js';

const metricNames = ['test_auc', 'test_accuracy', 'test_f1_macro', 'test_balanced_accuracy'] as const;

/** The published reference (design/wesad.md): WESAD paper, Table 4, all wrist modalities, leave-one-subject-out. */
const publishedBaseline = {
  source: 'WESAD paper (Schmidt et al. 2018), random forest on all wrist modalities',
  scheme: 'loso',
  accuracy: 0.8712,
  f1Macro: 0.8411,
};

function percent(value: number | undefined): string {
  return value === undefined ? '–' : `${(value * 100).toFixed(2)} %`;
}

/** An evaluation: its folds, each configuration's mean ± std over folds, per-subject results and the published baseline. */
export function EvaluationPage(props: { evaluationId: string | undefined }): JSX.Element {
  const [typed, setTyped] = useState(props.evaluationId ?? '');
  const [evaluation, setEvaluation] = useState<Evaluation | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setEvaluation(undefined);
    setError(undefined);
    if (props.evaluationId === undefined) return;
    getJson<Evaluation>(`/evaluations/${encodeURIComponent(props.evaluationId)}`).then(
      setEvaluation,
      (failure: unknown) => {
        setError(describeError(failure));
      },
    );
  }, [props.evaluationId]);

  const picker = (
    <form
      class="toolbar"
      onSubmit={(event) => {
        event.preventDefault();
        window.location.hash = `#/evaluations/${encodeURIComponent(typed.trim())}`;
      }}
    >
      <label>
        Evaluation id
        <input
          value={typed}
          onInput={(event) => {
            setTyped(event.currentTarget.value);
          }}
        />
      </label>
      <button type="submit">Open</button>
    </form>
  );
  if (props.evaluationId === undefined)
    return (
      <section aria-labelledby="evaluation-heading">
        <h1 id="evaluation-heading">Evaluations</h1>
        <p>Open an evaluation by its id (a fold run's page links to its evaluation).</p>
        {picker}
      </section>
    );
  if (error !== undefined)
    return (
      <section aria-labelledby="evaluation-heading">
        <h1 id="evaluation-heading">Evaluation {props.evaluationId}</h1>
        <p role="alert" class="error">
          {error}
        </p>
        {picker}
      </section>
    );
  if (evaluation === undefined) return <p aria-busy="true">Loading the evaluation…</p>;

  const best = evaluation.aggregates.find((aggregate) => aggregate.rank === 1)?.configuration ?? 0;
  const subjects = evaluation.folds
    .filter((fold) => fold.configuration === best)
    .flatMap((fold) => fold.perSubject)
    .filter((subject) => subject.metrics.test_auc !== undefined);
  const comparable = evaluation.scheme === publishedBaseline.scheme;
  return (
    <section aria-labelledby="evaluation-heading">
      <h1 id="evaluation-heading">Evaluation {evaluation.evaluationId}</h1>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          {evaluation.status} ({evaluation.progress.finished} of {evaluation.progress.total} fold runs)
        </dd>
        <dt>Scheme</dt>
        <dd>
          {evaluation.scheme}
          {evaluation.k === null ? '' : `, k = ${evaluation.k}`} over {evaluation.subjects.length} subjects
        </dd>
        <dt>Experiment</dt>
        <dd>{evaluation.experiment}</dd>
        <dt>Started by</dt>
        <dd>
          {evaluation.createdBy}, {formatTime(evaluation.createdAt)}
        </dd>
      </dl>
      <p>
        <a href={`${apiRoot}/evaluations/${encodeURIComponent(evaluation.evaluationId)}/report`}>The full report</a>
      </p>
      <h2>Configurations against the published baseline</h2>
      <table>
        <caption>Mean ± standard deviation over folds; the published row is the paper's own figure.</caption>
        <thead>
          <tr>
            <th scope="col">Configuration</th>
            <th scope="col">Rank</th>
            {metricNames.map((name) => (
              <th scope="col">{name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {evaluation.aggregates.map((aggregate) => (
            <tr>
              <th scope="row">
                {aggregate.configuration}:{' '}
                {formatValue(evaluation.configurations[aggregate.configuration]?.params ?? {})}
              </th>
              <td class="number">{aggregate.rank}</td>
              {metricNames.map((name) => {
                const spread = aggregate.folds[name];
                return (
                  <td class="number">
                    {spread === undefined
                      ? '–'
                      : `${percent(spread.mean)}${spread.std === null ? '' : ` ± ${percent(spread.std)}`}`}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr class="published">
            <th scope="row">{publishedBaseline.source}</th>
            <td class="number">published</td>
            <td class="number">–</td>
            <td class="number">{percent(publishedBaseline.accuracy)}</td>
            <td class="number">{percent(publishedBaseline.f1Macro)}</td>
            <td class="number">–</td>
          </tr>
        </tbody>
      </table>
      <p class={comparable ? '' : 'error'}>
        {comparable
          ? 'Same scheme as the published figures: leave-one-subject-out.'
          : `Not directly comparable: this evaluation is ${evaluation.scheme}; the published figures are leave-one-subject-out.`}
      </p>
      <h2>Per subject (configuration {best})</h2>
      {subjects.length === 0 ? (
        <p>No fold has finished yet.</p>
      ) : (
        <>
          <LineChart
            title="Held-out AUC per subject"
            xLabel="Subject (in the order of the table below)"
            x={subjects.map((_, index) => index + 1)}
            series={[{ label: 'test_auc', values: subjects.map((subject) => subject.metrics.test_auc ?? null) }]}
            yRange={[0, 1]}
            lines={false}
          />
          <table>
            <caption>Each subject scored by the fold that held it out.</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Subject</th>
                <th scope="col">Windows</th>
                {metricNames.map((name) => (
                  <th scope="col">{name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {subjects.map((subject, index) => (
                <tr>
                  <td class="number">{index + 1}</td>
                  <th scope="row">{subject.subject}</th>
                  <td class="number">{subject.windows}</td>
                  {metricNames.map((name) => (
                    <td class="number">{percent(subject.metrics[name])}</td>
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
