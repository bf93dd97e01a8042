// The trading screen: the account banner on top; the watchlist and the order ticket on the left; positions, working
// orders and the day's orders and fills on the right; toasts in a corner and Settings over everything when open.
import { useCallback, useState } from 'react';
import { useDesk } from './state/desk';
import { AccountBanner } from './panels/AccountBanner';
import { Activity } from './panels/Activity';
import { OrderTicket } from './panels/OrderTicket';
import { Positions } from './panels/Positions';
import { SettingsDialog } from './panels/settings/SettingsDialog';
import { Toasts } from './panels/Toasts';
import { Watchlist } from './panels/Watchlist';
import { WorkingOrders } from './panels/WorkingOrders';

export function App() {
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Figures of a lost desk are greyed and marked, never shown as if live.
  const stale = useDesk((s) => s.connection.state === 'offline');
  const openSettings = useCallback(() => setSettingsOpen(true), []);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  return (
    <div className={stale ? 'desk stale' : 'desk'} data-testid="desk" aria-busy={stale}>
      <AccountBanner onOpenSettings={openSettings} />
      <ConnectionBar />
      <main className="desk-grid">
        <div className="column left-column">
          <Watchlist />
          <OrderTicket />
        </div>
        <div className="column right-column">
          <Positions />
          <WorkingOrders />
          <Activity />
        </div>
      </main>
      <Toasts />
      {settingsOpen && <SettingsDialog onClose={closeSettings} />}
    </div>
  );
}

/**
 * Says so when the desk cannot be reached, in one line: every panel would otherwise look merely empty, or worse, live.
 * A window that had the desk says since when its figures are frozen.
 */
function ConnectionBar() {
  const connection = useDesk((s) => s.connection);
  if (connection.state !== 'offline') return null;
  const since = connection.since === undefined ? null : new Date(connection.since).toLocaleTimeString([], { hour12: false });
  return (
    <div className="connection-bar" role="alert" data-testid="connection-offline" title={connection.reason}>
      {since === null
        ? `Not connected to the desk: ${connection.reason}`
        : `Lost the desk at ${since}: figures are frozen as of then, not live; orders cannot be sent. Reconnecting… (${connection.reason})`}
    </div>
  );
}
