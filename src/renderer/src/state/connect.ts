// Connects the window to the desk once at start: the current snapshot first, then the pushed events, then the
// settings (the ticket's confirmation step depends on them). Runs outside React so StrictMode's double mount cannot
// subscribe twice. When the transport loses the desk the window says so and greys its figures; when it is back, the
// snapshot and settings are read again before anything looks live.
import type { PushEvent } from '../../../shared/contract';
import { formatPrice, formatQuantity } from '../../../shared/format';
import { applyQuoteChanges, applySettings, applySnapshot, applySourceStatus, selectedAccountId, setConnection, useDesk } from './desk';
import { CONNECTION_EVENT, type ConnectionChange } from '../transport/ensureThorApi';
import { exportProgress, openExport } from './exporting';
import { showScreen } from './journal';
import { run, thor } from './thor';
import { showToast } from './toasts';

export async function connectDesk(): Promise<void> {
  let api;
  try {
    api = thor();
  } catch (error) {
    setConnection({ state: 'offline', reason: error instanceof Error ? error.message : String(error) });
    return;
  }
  const first = await run((t) => t.getSnapshot({}));
  if (first.ok) applySnapshot(first.data);
  else setConnection({ state: 'offline', reason: first.error.message });
  // Subscribed even when the first read failed: the next pushed snapshot brings the window back.
  api.subscribe(onPush);
  window.addEventListener(CONNECTION_EVENT, (event) => void onConnectionChange((event as CustomEvent<ConnectionChange>).detail));
  await refreshSettings();
}

async function onConnectionChange(change: ConnectionChange): Promise<void> {
  if (change.state === 'lost') {
    setConnection({ state: 'offline', reason: change.reason, since: Date.now() });
    return;
  }
  // Back: nothing looks live again until a fresh snapshot is on screen (applySnapshot marks the connection live).
  const snapshot = await run((t) => t.getSnapshot({}));
  if (!snapshot.ok) return;
  applySnapshot(snapshot.data);
  await refreshSettings();
  showToast('info', 'Back with the desk: figures are live again');
}

let resyncing = false;

/** A push was missed (the window subscribed after it, or a message was lost): read the whole snapshot once. */
async function resync(): Promise<void> {
  if (resyncing) return;
  resyncing = true;
  try {
    const snapshot = await run((t) => t.getSnapshot({}));
    if (snapshot.ok) applySnapshot(snapshot.data);
  } finally {
    resyncing = false;
  }
}

export async function refreshSettings(): Promise<void> {
  const settings = await run((t) => t.getSettings({}));
  if (settings.ok) applySettings(settings.data);
}

function onPush(event: PushEvent): void {
  switch (event.type) {
    case 'snapshot':
      if (event.quotesSince === undefined) applySnapshot(event.snapshot);
      else if (!applyQuoteChanges(event.snapshot, event.quotesSince)) void resync();
      return;
    case 'status':
      applySourceStatus(event.status);
      return;
    case 'fill': {
      const { fill } = event;
      const price = formatPrice(fill.price, fill.priceFormat, fill.tick);
      showToast('fill', `Filled ${fill.side} ${formatQuantity(fill.qty)} ${fill.symbol} @ ${price}${accountNote(fill.account)}`);
      return;
    }
    case 'reject': {
      const { order } = event;
      const reason = order.rejectReason ?? order.statusReason ?? 'rejected';
      showToast('reject', `Rejected ${order.side} ${formatQuantity(order.qty)} ${order.symbol}: ${reason}${accountNote(order.account)}`);
      return;
    }
    case 'exportProgress':
      exportProgress(event);
      return;
    case 'openExport':
      // File > Export statement...: the export lives with the journal.
      showScreen('journal');
      openExport();
      return;
  }
}

/** Events of another account than the one shown say whose they are. */
function accountNote(account: string): string {
  return account === selectedAccountId(useDesk.getState()) ? '' : ` (${account})`;
}
