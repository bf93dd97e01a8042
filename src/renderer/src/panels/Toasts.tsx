// The corner notices: fills, rejects, failed commands. They dismiss themselves; a click dismisses one sooner.
import { dismissToast, useToasts } from '../state/toasts';

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} data-testid="toast" data-kind={toast.kind} role="status" onClick={() => dismissToast(toast.id)}>
          {toast.text}
        </div>
      ))}
    </div>
  );
}
