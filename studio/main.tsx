import 'uplot/dist/uPlot.min.css';
import './studio.css';
import type { JSX } from 'preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, apiRoot, describeError, getJson } from './api.js';
import type { Caller } from './types.js';
import { RunsView } from './views/RunsView.js';
import { RunDetailView } from './views/RunDetailView.js';
import { CompareView } from './views/CompareView.js';
import { ModelsView, ModelView } from './views/RegistryView.js';
import { AuditView } from './views/AuditView.js';
import { DataView, DatasetView } from './views/DataView.js';
import { DriftView } from './views/DriftView.js';
import { EvaluationPage } from './views/EvaluationPage.js';

/** The location after `#`: path segments and query, e.g. #/runs/abc or #/compare?ids=a,b. */
function currentRoute(): { segments: string[]; params: URLSearchParams } {
  const [path = '', search = ''] = window.location.hash.replace(/^#\/?/, '').split('?');
  return {
    segments: path
      .split('/')
      .filter((part) => part !== '')
      .map(decodeURIComponent),
    params: new URLSearchParams(search),
  };
}

function useRoute(): ReturnType<typeof currentRoute> {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const changed = (): void => {
      setRoute(currentRoute());
    };
    window.addEventListener('hashchange', changed);
    return () => {
      window.removeEventListener('hashchange', changed);
    };
  }, []);
  return route;
}

/**
 * Where to sign in: App Service Authentication's Entra ID login in Azure, the local host's picker
 * of development identities locally (the health endpoint names the host; it needs no caller).
 */
async function signInUrl(): Promise<string> {
  const back = encodeURIComponent(window.location.pathname + window.location.hash);
  let provider = 'aad';
  try {
    const health = await fetch(`${apiRoot}/health`).then((response) => response.json() as Promise<{ host?: string }>);
    if (health.host === 'local-devhost') provider = 'dev';
  } catch {
    // Health unreachable: offer the Azure sign-in.
  }
  return `/.auth/login/${provider}?post_login_redirect_uri=${back}`;
}

type Session =
  | { kind: 'loading' }
  | { kind: 'signedIn'; caller: Caller }
  | { kind: 'signedOut'; signIn: string }
  | { kind: 'error'; text: string };

function App(): JSX.Element {
  const [session, setSession] = useState<Session>({ kind: 'loading' });
  const route = useRoute();
  useEffect(() => {
    getJson<Caller>('/me').then(
      (caller) => {
        setSession({ kind: 'signedIn', caller });
      },
      async (failure: unknown) => {
        if (failure instanceof ApiError && failure.problem.status === 401) {
          setSession({ kind: 'signedOut', signIn: await signInUrl() });
        } else {
          setSession({ kind: 'error', text: describeError(failure) });
        }
      },
    );
  }, []);

  if (session.kind === 'loading') return <p>Loading…</p>;
  if (session.kind === 'error')
    return (
      <p role="alert" class="error">
        {session.text}
      </p>
    );
  if (session.kind === 'signedOut') {
    return (
      <main id="main">
        <h1>WESAD studio</h1>
        <p>
          <a href={session.signIn}>Sign in</a> to see runs, models and the audit trail.
        </p>
      </main>
    );
  }
  const { caller } = session;
  const [view = 'runs', first, second] = route.segments;
  const links: [string, string, boolean][] = [
    ['runs', 'Runs', true],
    ['registry', 'Registry', true],
    ['data', 'Data', true],
    ['drift', 'Drift', true],
    ['evaluations', 'Evaluations', true],
    ['audit', 'Audit', caller.may.listAudit === true],
  ];
  return (
    <>
      <header class="top">
        <a
          class="skip"
          href="#main"
          onClick={(event) => {
            event.preventDefault();
            document.getElementById('main')?.focus();
          }}
        >
          Skip to content
        </a>
        <span class="brand">WESAD studio</span>
        <nav aria-label="Views">
          {links
            .filter(([, , allowed]) => allowed)
            .map(([target, label]) => (
              <a href={`#/${target}`} aria-current={view === target ? 'page' : undefined}>
                {label}
              </a>
            ))}
        </nav>
        <span class="who">
          {caller.name} ({caller.roles.join(', ') || 'no role'}){' '}
          <a href={`/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(window.location.pathname)}`}>
            Sign out
          </a>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {view === 'runs' && first === undefined && <RunsView />}
        {view === 'runs' && first !== undefined && <RunDetailView runId={first} />}
        {view === 'compare' && (
          <CompareView ids={(route.params.get('ids') ?? '').split(',').filter((id) => id !== '')} />
        )}
        {view === 'registry' && first === undefined && <ModelsView />}
        {view === 'registry' && first !== undefined && <ModelView name={first} caller={caller} />}
        {view === 'data' && first === undefined && <DataView />}
        {view === 'data' && first !== undefined && second !== undefined && (
          <DatasetView subject={first} version={second} />
        )}
        {view === 'drift' && <DriftView />}
        {view === 'evaluations' && <EvaluationPage evaluationId={first} />}
        {view === 'audit' &&
          (caller.may.listAudit === true ? (
            <AuditView initialTarget={route.params.get('target') ?? ''} />
          ) : (
            <p role="alert">The audit trail is for compliance officers.</p>
          ))}
      </main>
    </>
  );
}

const root = document.getElementById('studio');
if (root !== null) render(<App />, root);
