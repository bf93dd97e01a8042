// Where quotes come from: the practice feed, or a TOS RTD workbook / CSV file by path. Browse asks main for the
// native picker; the browser host has none (NOT_SUPPORTED), and then the typed path is the way.
import { useState } from 'react';
import type { TerminalSettings } from '../../../../shared/contract';
import { formatAge } from '../../../../shared/format';
import { useNow } from '../../components/hooks';
import { applySettings, applySourceStatus, useDesk } from '../../state/desk';
import { run } from '../../state/thor';

export function SourceSection({ settings }: { settings: TerminalSettings }) {
  const [kind, setKind] = useState<'practice' | 'file'>(settings.source.kind);
  const [path, setPath] = useState(settings.source.kind === 'file' ? settings.source.path : '');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const browse = async () => {
    setError(null);
    setNote(null);
    const result = await run((t) => t.pickQuoteFile({}));
    if (result.ok) {
      if (result.data.path) {
        setPath(result.data.path);
        setKind('file');
      }
    } else if (result.error.code === 'NOT_SUPPORTED') {
      setNote(result.error.message);
    } else {
      setError(result.error.message);
    }
  };

  const apply = async () => {
    setBusy(true);
    setError(null);
    setNote(null);
    const result = await run((t) => t.setSource(kind === 'practice' ? { kind: 'practice' } : { kind: 'file', path: path.trim() }));
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    applySourceStatus(result.data);
    applySettings({ ...settings, source: kind === 'practice' ? { kind: 'practice' } : { kind: 'file', path: path.trim() } });
  };

  return (
    <fieldset className="settings-section">
      <legend>Data source</legend>
      <div className="settings-row">
        <label className="radio">
          <input type="radio" name="source" data-testid="settings-source-practice" checked={kind === 'practice'} onChange={() => setKind('practice')} />
          Practice feed
        </label>
        <label className="radio">
          <input type="radio" name="source" data-testid="settings-source-file" checked={kind === 'file'} onChange={() => setKind('file')} />
          TOS workbook or CSV file
        </label>
      </div>
      <div className="settings-row">
        <input
          className="path-input"
          data-testid="settings-source-path"
          placeholder="C:\Users\me\Documents\rtd.xlsx"
          value={path}
          spellCheck={false}
          onChange={(event) => {
            setPath(event.target.value);
            setKind('file');
          }}
        />
        <button type="button" data-testid="settings-source-browse" onClick={() => void browse()}>
          Browse…
        </button>
        <button type="button" className="primary" data-testid="settings-source-apply" disabled={busy || (kind === 'file' && path.trim() === '')} onClick={() => void apply()}>
          Apply
        </button>
      </div>
      {note && <p className="muted small">{note}</p>}
      {error && (
        <p className="form-error" data-testid="settings-source-error" role="alert">
          {error}
        </p>
      )}
      <SourceLine />
    </fieldset>
  );
}

function SourceLine() {
  const source = useDesk((s) => s.source);
  const now = useNow(1_000);
  if (!source) return null;
  const last = source.lastChangeAt ?? source.lastReadAt;
  return (
    <p className={`source-line state-${source.state}`} data-testid="settings-source-status">
      <span className="dot" /> {source.kind} · {source.state}
      {source.path ? ` · ${source.path}` : ''}
      {source.message ? ` · ${source.message}` : ''}
      {last !== null ? ` · last quote ${formatAge(Math.max(0, now - last))}` : ''}
    </p>
  );
}
