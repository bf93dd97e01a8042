// A dialog over the desk: Esc or a click outside closes it. Used by settings and by every confirmation.
import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}

// Open dialogs, innermost last: Esc closes only the innermost (a reset confirmation over Settings).
const open: symbol[] = [];

export function Modal({ title, onClose, children, testId, wide }: Props) {
  // The latest onClose, without re-registering (which would reorder the stack) on every render.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  // Where the keyboard was before the dialog took it (read while rendering, before autoFocus moves it), so a
  // confirmed or canceled order leaves the trader typing in the ticket again.
  const [returnFocus] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = dialog.current;
    return () => {
      // Only when the dialog really left the page (StrictMode's rehearsal unmount keeps the node).
      queueMicrotask(() => {
        if (node && !node.isConnected && returnFocus?.isConnected) returnFocus.focus();
      });
    };
  }, [returnFocus]);
  useEffect(() => {
    const me = Symbol('dialog');
    open.push(me);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && open.at(-1) === me) {
        event.preventDefault();
        close.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      open.splice(open.indexOf(me), 1);
    };
  }, []);
  return (
    <div className="overlay" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div ref={dialog} className={`dialog ${wide ? 'wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <header className="dialog-title">
          <span>{title}</span>
          <button type="button" className="icon" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}

/**
 * "Send this?" with the order (or the reset) in words. Enter confirms and Esc cancels, so the keyboard path of the
 * ticket stays Enter, Enter.
 */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  danger,
  details,
}: {
  title: string;
  text: ReactNode;
  /** What the action does beyond its words (an order's cost, requirement and buying power after), under them. */
  details?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  danger?: boolean;
}) {
  return (
    <Modal title={title} onClose={onCancel} testId="confirm-dialog">
      <div
        className="confirm-body"
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            // The focused button would also click on Enter: one send only.
            event.preventDefault();
            if (!busy) onConfirm();
          }
        }}
      >
        <p className="confirm-text" data-testid="confirm-text">
          {text}
        </p>
        {details}
        <div className="confirm-actions">
          <button type="button" data-testid="confirm-cancel" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? 'danger' : 'primary'}
            data-testid="confirm-send"
            autoFocus
            disabled={busy}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </Modal>
  );
}
