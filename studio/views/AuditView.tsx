import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { describeError, getJson, query, type Page } from '../api.js';
import { formatTime } from '../format.js';
import type { AuditEntry } from '../types.js';
import { auditActions } from '../../src/domain/audit/auditRecords.js';
import { TokenPager } from '../tokenPager.js';

// The one list of actions, the server's own: a filter offers exactly what the trail can hold.
const actions = auditActions;

interface Filter {
  actor: string;
  action: string;
  from: string;
  to: string;
  /** Matched on the page's entries: the API filters by time, actor and action. */
  target: string;
}

/** Pages of the audit trail read for one CSV export at most: 50 × 1000 entries. */
const exportPageLimit = 50;

/**
 * The audit trail for compliance officers: filter by actor, action, time and target; verify the
 * hash chain on the server; export what the filter selects as CSV. Erasures are the action
 * subject-erased, with what they touched in their details.
 */
export function AuditView(props: { initialTarget: string }): JSX.Element {
  const [filter, setFilter] = useState<Filter>({
    actor: '',
    action: '',
    from: '',
    to: '',
    target: props.initialTarget,
  });
  const [draft, setDraft] = useState(filter);
  const [tokens, setTokens] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page<AuditEntry> | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [verification, setVerification] = useState<string | undefined>();
  const token = tokens[tokens.length - 1] ?? null;

  useEffect(() => {
    setError(undefined);
    getJson<Page<AuditEntry>>(`/audit${apiQuery(filter, 100, token)}`).then(setPage, (failure: unknown) => {
      setError(describeError(failure));
    });
  }, [filter, token]);

  const entries = (page?.items ?? []).filter((entry) => entry.target.includes(filter.target));

  const verify = async (): Promise<void> => {
    setVerification('Verifying…');
    try {
      const result = await getJson<Record<string, unknown>>('/audit/verify');
      setVerification(JSON.stringify(result));
    } catch (failure: unknown) {
      setVerification(describeError(failure));
    }
  };

  const exportCsv = async (): Promise<void> => {
    try {
      const rows: AuditEntry[] = [];
      let next: string | null = null;
      for (let index = 0; index < exportPageLimit; index++) {
        const result: Page<AuditEntry> = await getJson<Page<AuditEntry>>(`/audit${apiQuery(filter, 1000, next)}`);
        rows.push(...result.items.filter((entry) => entry.target.includes(filter.target)));
        next = result.continuationToken;
        if (next === null) break;
      }
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([auditCsv(rows)], { type: 'text/csv' }));
      link.download = 'audit.csv';
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (failure: unknown) {
      setError(describeError(failure));
    }
  };

  const onInput = (name: keyof Filter) => (event: { currentTarget: HTMLInputElement }) => {
    setDraft({ ...draft, [name]: event.currentTarget.value });
  };
  const field = (name: keyof Filter, label: string): JSX.Element => (
    <label>
      {label}
      <input name={name} type="text" value={draft[name]} onInput={onInput(name)} />
    </label>
  );
  const timeField = (name: keyof Filter, label: string): JSX.Element => (
    <label>
      {label}
      <input name={name} type="datetime-local" step={1} value={draft[name]} onInput={onInput(name)} />
    </label>
  );

  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit trail</h1>
      <form
        class="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setTokens([null]);
          setFilter(draft);
        }}
      >
        {field('actor', 'Actor')}
        <label>
          Action
          <select
            name="action"
            value={draft.action}
            onChange={(event) => {
              setDraft({ ...draft, action: event.currentTarget.value });
            }}
          >
            {['', ...actions].map((action) => (
              <option value={action}>{action === '' ? 'any' : action}</option>
            ))}
          </select>
        </label>
        {field('target', 'Target contains')}
        {timeField('from', 'From (UTC)')}
        {timeField('to', 'To (UTC)')}
        <button type="submit">Filter</button>
      </form>
      <div class="toolbar">
        <button type="button" onClick={() => void verify()}>
          Verify chain
        </button>
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
        {verification !== undefined && (
          <output class="verification" aria-live="polite">
            {verification}
          </output>
        )}
      </div>
      {error !== undefined && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <table>
        <thead>
          <tr>
            {['#', 'When', 'Actor', 'Action', 'Target', 'Details'].map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr data-sequence={entry.sequence}>
              <td class="number">{entry.sequence}</td>
              <td>{formatTime(entry.at)}</td>
              <td>{entry.actor}</td>
              <td>{entry.action}</td>
              <td>{entry.target}</td>
              <td class="details">
                {Object.entries(entry.details)
                  .map(([key, value]) => `${key}: ${String(value)}`)
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <TokenPager
        label="Pages of the audit trail"
        tokens={tokens}
        nextToken={page?.continuationToken}
        setTokens={setTokens}
      />
    </section>
  );
}

function apiQuery(filter: Filter, pageSize: number, continuationToken: string | null): string {
  // The inputs are read as UTC, as their labels say, whatever the browser's time zone.
  const utc = (local: string): string | undefined => (local === '' ? undefined : new Date(`${local}Z`).toISOString());
  return query({
    actor: filter.actor,
    action: filter.action,
    from: utc(filter.from),
    to: utc(filter.to),
    pageSize,
    continuationToken,
  });
}

/**
 * RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. A field that a
 * spreadsheet would run as a formula (=, +, -, @ first; an actor name is whatever the identity
 * provider holds) gets a leading apostrophe, as OWASP's CSV injection guidance advises.
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const cell = (raw: string): string => {
    const value = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  const lines = [['sequence', 'at', 'actor', 'action', 'target', 'details', 'hash'].join(',')];
  for (const entry of entries) {
    lines.push(
      [
        String(entry.sequence),
        entry.at,
        entry.actor,
        entry.action,
        entry.target,
        JSON.stringify(entry.details),
        entry.hash,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
