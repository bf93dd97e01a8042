// Export statement: account, range of trading days (today by default), format, then save (Electron's save dialog,
// or a download in the browser host). Enter exports, Esc closes; a long export shows how far it is.
import { useShallow } from 'zustand/react/shallow';
import { STATEMENT_FORMAT_LABELS, STATEMENT_FORMATS, oneOfWords } from '../../../../shared/vocabulary';
import { Modal } from '../../components/Modal';
import { useDesk } from '../../state/desk';
import { closeExport, runExport, setExport, useExport } from '../../state/exporting';

export function ExportDialog() {
  const { open, account, from, to, format, busy, progress, error } = useExport(
    useShallow((s) => ({ open: s.open, account: s.account, from: s.from, to: s.to, format: s.format, busy: s.busy, progress: s.progress, error: s.error })),
  );
  const accounts = useDesk((s) => s.accounts);
  if (!open) return null;
  return (
    <Modal title="Export statement" onClose={closeExport} testId="export-dialog">
      <form
        className="confirm-body export-form"
        onSubmit={(event) => {
          event.preventDefault();
          void runExport();
        }}
      >
        <label className="field">
          <span>Account</span>
          <select data-testid="export-account" value={account} disabled={busy} onChange={(e) => setExport({ account: e.target.value })} autoFocus>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id}
              </option>
            ))}
          </select>
        </label>
        <div className="export-range">
          <label className="field">
            <span>From</span>
            <input type="date" data-testid="export-from" value={from} disabled={busy} onChange={(e) => setExport({ from: e.target.value })} />
          </label>
          <label className="field">
            <span>To</span>
            <input type="date" data-testid="export-to" value={to} disabled={busy} onChange={(e) => setExport({ to: e.target.value })} />
          </label>
        </div>
        <label className="field">
          <span>Format</span>
          <select
            data-testid="export-format"
            value={format}
            disabled={busy}
            onChange={(e) => {
              const chosen = oneOfWords(STATEMENT_FORMATS, e.target.value);
              if (chosen) setExport({ format: chosen });
            }}
          >
            {STATEMENT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {STATEMENT_FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        {busy && (
          <div className="export-progress" data-testid="export-progress" role="status">
            <progress
              max={progress && progress.total > 0 ? progress.total : undefined}
              value={progress && progress.total > 0 ? Math.min(progress.done, progress.total) : undefined}
            />
            <span className="muted small num">
              {progress === null
                ? 'Starting...'
                : progress.stage === 'reading'
                  ? `Reading fills ${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')}`
                  : progress.done > 0
                    ? `Writing rows ${progress.done.toLocaleString('en-US')} of about ${progress.total.toLocaleString('en-US')}`
                    : 'Writing the file...'}
            </span>
          </div>
        )}
        {error && (
          <p className="ticket-error" role="alert" data-testid="export-error">
            {error}
          </p>
        )}
        <div className="confirm-actions">
          <button type="button" data-testid="export-cancel" onClick={closeExport} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="export-save" disabled={busy || account === ''}>
            {busy ? 'Exporting...' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
