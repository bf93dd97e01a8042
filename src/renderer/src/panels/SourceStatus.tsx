// The LiveData pill: the source's state and message and how old its last quote is. It alone re-renders each
// second (for the age); the rest of the banner re-renders only when its figures change.
import { formatAge } from '../../../shared/format';
import { useNow } from '../components/hooks';
import { useDesk } from '../state/desk';

const KIND: Record<string, string> = { practice: 'Practice feed', workbook: 'Workbook', csv: 'CSV' };

export function SourceStatus() {
  const source = useDesk((s) => s.source);
  const connection = useDesk((s) => s.connection);
  const now = useNow(1_000);
  if (connection.state === 'offline') {
    return (
      <div className="source-pill state-error" data-testid="source-status" title={connection.reason}>
        <span className="dot" />
        <span>Desk offline</span>
        <span className="muted">{connection.reason}</span>
      </div>
    );
  }
  if (!source) {
    return (
      <div className="source-pill state-waiting" data-testid="source-status">
        <span className="dot" />
        <span>Connecting…</span>
      </div>
    );
  }
  const last = source.lastChangeAt ?? source.lastReadAt;
  const title = [source.path, source.message].filter(Boolean).join('\n');
  return (
    <div className={`source-pill state-${source.state}`} data-testid="source-status" data-state={source.state} title={title || undefined}>
      <span className="dot" />
      <span className="source-kind">{KIND[source.kind] ?? source.kind}</span>
      <span className="source-state">{source.state}</span>
      {source.message && <span className="source-message">{source.message}</span>}
      <span className="source-age num" title="Age of the last quote">
        {last === null ? 'no quote yet' : formatAge(Math.max(0, now - last))}
      </span>
    </div>
  );
}
