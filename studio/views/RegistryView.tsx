import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError, getJson, query, sendJson, type Page, type Problem } from '../api.js';
import { formatTime, formatValue } from '../format.js';
import type { Caller, ModelSummary, ModelVersion, RegistryEvent } from '../types.js';

/** Registered models; choosing one opens its versions, stages and history. */
export function ModelsView(): JSX.Element {
  const [models, setModels] = useState<ModelSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    getJson<Page<ModelSummary>>('/models').then(
      (page) => {
        setModels(page.items);
      },
      (failure: unknown) => {
        setError(describeError(failure));
      },
    );
  }, []);
  return (
    <section aria-labelledby="models-heading">
      <h1 id="models-heading">Model registry</h1>
      {error !== undefined && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <table>
        <thead>
          <tr>
            {['Model', 'Latest version', 'Stages', 'Updated'].map((name) => (
              <th scope="col">{name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(models ?? []).map((model) => (
            <tr>
              <th scope="row">
                <a href={`#/registry/${encodeURIComponent(model.name)}`}>{model.name}</a>
              </th>
              <td>{model.latestVersion ?? '—'}</td>
              <td>
                {Object.entries(model.stages)
                  .map(([stage, version]) => `${stage}: ${version}`)
                  .join(', ') || '—'}
              </td>
              <td>{formatTime(model.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** What the last change attempt came to: nothing yet, done, a conflict to reload, or a refusal. */
type Outcome =
  | { kind: 'none' }
  | { kind: 'done'; text: string }
  | { kind: 'conflict'; text: string }
  | { kind: 'refused'; problem: Problem }
  | { kind: 'error'; text: string };

/**
 * One model: stages with who put each version there, every version, the append-only history, and
 * the stage changes the caller's roles allow. Every change carries the ETag the page was read with
 * (If-Match), so a change someone made meanwhile comes back as a conflict to reload, never lost.
 */
export function ModelView(props: { name: string; caller: Caller }): JSX.Element {
  const [model, setModel] = useState<ModelSummary | undefined>();
  const [etag, setEtag] = useState<string | null>(null);
  const [versions, setVersions] = useState<ModelVersion[]>([]);
  const [events, setEvents] = useState<RegistryEvent[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const name = encodeURIComponent(props.name);

  const load = useCallback(async () => {
    try {
      const [summary, versionList, history] = await Promise.all([
        api<ModelSummary>(`/models/${name}`),
        getJson<{ items: ModelVersion[] }>(`/models/${name}/versions`),
        getJson<Page<RegistryEvent>>(`/models/${name}/events${query({ pageSize: 200 })}`),
      ]);
      setModel(summary.body);
      setEtag(summary.etag ?? summary.body.etag);
      setVersions(versionList.items);
      setEvents(history.items);
      setError(undefined);
    } catch (failure: unknown) {
      setError(describeError(failure));
    }
  }, [name]);

  useEffect(() => {
    void load();
  }, [load]);

  const changeableStages = Object.entries(props.caller.mayChangeStage)
    .filter(([, may]) => may)
    .map(([stage]) => stage);

  const attempt = async (change: () => Promise<unknown>, done: string): Promise<void> => {
    try {
      await change();
      setOutcome({ kind: 'done', text: done });
      await load();
    } catch (failure: unknown) {
      if (failure instanceof ApiError && failure.problem.status === 409) {
        setOutcome({
          kind: 'conflict',
          text: `Someone changed ${props.name} since this page was loaded: ${failure.problem.detail ?? ''}`,
        });
      } else if (failure instanceof ApiError && failure.problem.type?.endsWith(':gate-refused') === true) {
        setOutcome({ kind: 'refused', problem: failure.problem });
      } else {
        setOutcome({ kind: 'error', text: describeError(failure) });
      }
    }
  };
  const ifMatch = (): Record<string, string> => (etag === null ? {} : { 'if-match': etag });

  if (error !== undefined)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (model === undefined) return <p>Loading…</p>;
  return (
    <section aria-labelledby="model-heading">
      <h1 id="model-heading">Model {model.name}</h1>
      <Outcome
        outcome={outcome}
        reload={() => {
          setOutcome({ kind: 'none' });
          void load();
        }}
      />
      <h2>Stages</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Version</th>
            <th scope="col">Take out of the stage</th>
          </tr>
        </thead>
        <tbody>
          {Object.keys(props.caller.mayChangeStage).map((stage) => {
            const version = model.stages[stage];
            return (
              <tr>
                <th scope="row">{stage}</th>
                <td>{version ?? '—'}</td>
                <td>
                  {version !== undefined && props.caller.mayChangeStage[stage] === true && (
                    <DemoteForm
                      stage={stage}
                      onSubmit={(reason) =>
                        attempt(
                          () =>
                            sendJson(
                              'DELETE',
                              `/models/${name}/stages/${encodeURIComponent(stage)}${query({ reason })}`,
                              undefined,
                              ifMatch(),
                            ),
                          `Took ${version} out of ${stage}.`,
                        )
                      }
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {changeableStages.length > 0 && versions.length > 0 && (
        <PromoteForm
          stages={changeableStages}
          versions={versions.filter((version) => version.status === 'active').map((version) => version.version)}
          onSubmit={(version, stage, reason) =>
            attempt(
              () =>
                sendJson('PUT', `/models/${name}/stages/${encodeURIComponent(stage)}`, { version, reason }, ifMatch()),
              `Put ${version} in ${stage}.`,
            )
          }
        />
      )}
      <h2>Versions</h2>
      <table>
        <thead>
          <tr>
            {['Version', 'Status', 'Run', 'Run created by', 'Registered', 'test_auc'].map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr>
              <th scope="row">
                {version.version}
                {version.trainedOnErasedData ? ' (trained on erased data)' : ''}
              </th>
              <td>{version.status}</td>
              <td>
                <a href={`#/runs/${encodeURIComponent(version.runId)}`}>{version.runId}</a>
              </td>
              <td>{version.runCreatedBy}</td>
              <td>{formatTime(version.registeredAt)}</td>
              <td class="number">{formatValue(version.metrics.test_auc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>History</h2>
      <table class="history">
        <thead>
          <tr>
            {['#', 'When', 'Who', 'What', 'Stage', 'From', 'To', 'Why'].map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr>
              <td class="number">{event.sequence}</td>
              <td>{formatTime(event.at)}</td>
              <td>{event.actor}</td>
              <td>{event.action}</td>
              <td>{event.stage ?? '—'}</td>
              <td>{event.fromVersion ?? '—'}</td>
              <td>{event.toVersion ?? event.version ?? '—'}</td>
              <td>{event.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.caller.may.listAudit === true && (
        <p>
          <a href={`#/audit?target=${encodeURIComponent(`models/${props.name}`)}`}>Audit entries of this model</a>
        </p>
      )}
    </section>
  );
}

function Outcome(props: { outcome: Outcome; reload: () => void }): JSX.Element | null {
  const { outcome } = props;
  if (outcome.kind === 'none') return null;
  if (outcome.kind === 'done') return <p role="status">{outcome.text}</p>;
  if (outcome.kind === 'conflict') {
    return (
      <div role="alert" class="conflict">
        <p>{outcome.text}</p>
        <button type="button" onClick={props.reload}>
          Reload
        </button>
      </div>
    );
  }
  if (outcome.kind === 'refused') {
    return (
      <div role="alert" class="refused">
        <p>The gate refused: {outcome.problem.detail}</p>
        <ul>
          {(outcome.problem.checks ?? []).map((check) => (
            <li class={check.passed ? 'passed' : 'failed'}>
              {check.passed ? 'passed' : 'failed'}: {check.check} ({check.detail})
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <p role="alert" class="error">
      {outcome.text}
    </p>
  );
}

function PromoteForm(props: {
  stages: string[];
  versions: string[];
  onSubmit: (version: string, stage: string, reason: string) => Promise<void>;
}): JSX.Element {
  const [version, setVersion] = useState(props.versions[props.versions.length - 1] ?? '');
  const [stage, setStage] = useState(props.stages[0] ?? '');
  const [reason, setReason] = useState('');
  return (
    <form
      class="toolbar"
      aria-label="Put a version in a stage"
      onSubmit={(event) => {
        event.preventDefault();
        void props.onSubmit(version, stage, reason);
      }}
    >
      <label>
        Version
        <select
          name="version"
          value={version}
          onChange={(event) => {
            setVersion(event.currentTarget.value);
          }}
        >
          {props.versions.map((value) => (
            <option value={value}>{value}</option>
          ))}
        </select>
      </label>
      <label>
        Stage
        <select
          name="stage"
          value={stage}
          onChange={(event) => {
            setStage(event.currentTarget.value);
          }}
        >
          {props.stages.map((value) => (
            <option value={value}>{value}</option>
          ))}
        </select>
      </label>
      <label class="wide">
        Reason
        <input
          name="reason"
          required
          value={reason}
          onInput={(event) => {
            setReason(event.currentTarget.value);
          }}
        />
      </label>
      <button type="submit">Put in stage</button>
    </form>
  );
}

function DemoteForm(props: { stage: string; onSubmit: (reason: string) => Promise<void> }): JSX.Element {
  const [reason, setReason] = useState('');
  return (
    <form
      class="inline"
      onSubmit={(event) => {
        event.preventDefault();
        void props.onSubmit(reason);
      }}
    >
      <label>
        Reason for taking it out of {props.stage}
        <input
          required
          value={reason}
          onInput={(event) => {
            setReason(event.currentTarget.value);
          }}
        />
      </label>
      <button type="submit">Take out</button>
    </form>
  );
}
