// The trading screen: the account banner on top; the watchlist and the order ticket on the left; positions, working
// orders and the day's orders and fills on the right; toasts in a corner and Settings over everything when open.
// The Journal screen takes the place of the trading grid (tabs under the banner, Alt+1 / Alt+2, Alt+J switches), and so
// does the History screen (Alt+3): orders and fills of any range of trading days.
import { useCallback, useEffect, useState } from 'react';
import { useDesk } from './state/desk';
import { openExport } from './state/exporting';
import { showScreen, useJournal } from './state/journal';
import { Journal } from './panels/journal/Journal';
import { History } from './panels/history/History';
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
  const screen = useJournal((s) => s.screen);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Ctrl+E: Export statement (the File menu's accelerator in Electron; the same key in a browser).
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'e') {
        event.preventDefault();
        showScreen('journal');
        openExport();
        return;
      }
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const key = event.key.toLowerCase();
      if (key === '1' || key === '2' || key === 'j') {
        event.preventDefault();
        showScreen(key === '1' ? 'trade' : key === '2' ? 'journal' : useJournal.getState().screen === 'journal' ? 'trade' : 'journal');
      } else if (key === '3') {
        event.preventDefault();
        showScreen('history');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className={stale ? 'desk stale' : 'desk'} data-testid="desk" aria-busy={stale}>
      <AccountBanner onOpenSettings={openSettings} />
      <ConnectionBar />
      <nav className="screen-tabs tabs" role="tablist" aria-label="Screens">
        <button type="button" role="tab" data-testid="screen-trade" aria-selected={screen === 'trade'} className={screen === 'trade' ? 'tab on' : 'tab'} title="Alt+1" onClick={() => showScreen('trade')}>
          Trade
        </button>
        <button type="button" role="tab" data-testid="screen-journal" aria-selected={screen === 'journal'} className={screen === 'journal' ? 'tab on' : 'tab'} title="Alt+2 (Alt+J switches)" onClick={() => showScreen('journal')}>
          Journal
        </button>
        <button type="button" role="tab" data-testid="screen-history" aria-selected={screen === 'history'} className={screen === 'history' ? 'tab on' : 'tab'} title="Alt+3" onClick={() => showScreen('history')}>
          History
        </button>
      </nav>
      {screen === 'journal' ? <Journal /> : screen === 'history' ? <History /> : (
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
      )}
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
