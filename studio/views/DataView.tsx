import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { describeError, getJson, query, type Page } from '../api.js';
import { formatTime } from '../format.js';
import type { Dataset, Upload } from '../types.js';

/** Uploads with their ingestion status and failure reasons, and the window sets made from them. */
export function DataView(): JSX.Element {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [datasets, setDatasets] = useState<Dataset[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    Promise.all([
      getJson<Page<Upload>>(`/uploads${query({ status, pageSize: 200 })}`),
      getJson<Page<Dataset>>(`/datasets${query({ pageSize: 200 })}`),
    ]).then(
      ([uploadPage, datasetPage]) => {
        setUploads(uploadPage.items);
        setDatasets(datasetPage.items);
      },
      (failure: unknown) => {
        setError(describeError(failure));
      },
    );
  }, [status]);

  return (
    <section aria-labelledby="data-heading">
      <h1 id="data-heading">Uploads and window sets</h1>
      {error !== undefined && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <h2>Uploads</h2>
      <label>
        Status
        <select
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
          }}
        >
          {['', 'processing', 'waiting', 'ready', 'failed', 'superseded', 'ignored'].map((value) => (
            <option value={value}>{value === '' ? 'any' : value}</option>
          ))}
        </select>
      </label>
      <table>
        <thead>
          <tr>
            {['Blob', 'Status', 'Subject', 'Window set', 'sha256', 'Reason', 'Updated'].map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {uploads.map((upload) => (
            <tr class={upload.status}>
              <th scope="row">{upload.blobName}</th>
              <td>{upload.status}</td>
              <td>{upload.subject ?? '—'}</td>
              <td>
                {upload.subject !== null && upload.version !== null ? (
                  <a href={`#/data/${encodeURIComponent(upload.subject)}/${encodeURIComponent(upload.version)}`}>
                    {upload.version}
                  </a>
                ) : (
                  '—'
                )}
              </td>
              <td class="hash">{upload.sha256 ?? '—'}</td>
              <td>
                {upload.errorCode === null ? (upload.reason ?? '') : `${upload.errorCode}: ${upload.reason ?? ''}`}
              </td>
              <td>{formatTime(upload.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Window sets</h2>
      <table>
        <thead>
          <tr>
            {['Subject', 'Version', 'Kind', 'Windows', 'From blob', 'Created'].map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {datasets.map((set) => (
            <tr>
              <th scope="row">{set.subject}</th>
              <td>
                <a href={`#/data/${encodeURIComponent(set.subject)}/${encodeURIComponent(set.version)}`}>
                  {set.version}
                </a>
              </td>
              <td>{set.kind}</td>
              <td class="number">{set.windows}</td>
              <td>{set.sourceBlob}</td>
              <td>{formatTime(set.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One window set and its lineage: content hash, format, and the raw blob with its sha256. */
export function DatasetView(props: { subject: string; version: string }): JSX.Element {
  const [dataset, setDataset] = useState<Record<string, unknown> | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    getJson<Record<string, unknown>>(
      `/datasets/${encodeURIComponent(props.subject)}/${encodeURIComponent(props.version)}`,
    ).then(setDataset, (failure: unknown) => {
      setError(describeError(failure));
    });
  }, [props.subject, props.version]);
  if (error !== undefined)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (dataset === undefined) return <p>Loading…</p>;
  return (
    <section aria-labelledby="dataset-heading">
      <h1 id="dataset-heading">
        Window set {props.subject} {props.version}
      </h1>
      <dl class="facts">
        {Object.entries(dataset)
          .filter(([, value]) => value === null || typeof value !== 'object')
          .map(([key, value]) => (
            <>
              <dt>{key}</dt>
              <dd>{String(value)}</dd>
            </>
          ))}
      </dl>
    </section>
  );
}
