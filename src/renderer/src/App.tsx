// The app's page: for now a title and the number of paper accounts the desk reports, which shows the window
// reached the main process. The trading panels come later.
import { useEffect, useState } from 'react';

type Status =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly accounts: number }
  | { readonly kind: 'offline'; readonly reason: string };

export function App() {
  const [status, setStatus] = useState<Status>({ kind: 'loading' });

  useEffect(() => {
    const thor = window.thor;
    if (!thor) {
      setStatus({ kind: 'offline', reason: 'no desk connected (window.thor is missing)' });
      return;
    }
    let live = true;
    thor.hello().then(
      (hello) => {
        if (live) setStatus({ kind: 'ready', accounts: hello.accounts });
      },
      (error: unknown) => {
        if (live) setStatus({ kind: 'offline', reason: error instanceof Error ? error.message : String(error) });
      },
    );
    // StrictMode mounts twice in development: the first mount's answer must not land after its cleanup.
    return () => {
      live = false;
    };
  }, []);

  return (
    <main className="desk">
      <h1>Thor Paper Desk</h1>
      {status.kind === 'loading' && <p className="muted">Connecting to the desk…</p>}
      {status.kind === 'ready' && (
        <p>
          Paper accounts: <span className="figure" data-testid="account-count">{status.accounts}</span>
        </p>
      )}
      {status.kind === 'offline' && <p className="muted">{status.reason}</p>}
    </main>
  );
}
