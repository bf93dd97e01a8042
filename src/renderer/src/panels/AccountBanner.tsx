// The top banner, as TOS's account strip: the account switcher and the account's figures from the snapshot (net
// liq, cash, the three buying powers, P/L day and open, total return), whether it may trade, the data source's
// health and the settings button. Each figure selects its own string, so a tick re-renders only what moved.
import { useEffect, useState, type ReactNode } from 'react';
import type { DeskSnapshot } from '../../../shared/contract';
import { useShallow } from 'zustand/react/shallow';
import { Money, PnL } from '../components/figures';
import { selectAccount, selectedAccount, selectedAccountId, useDesk, type AccountRow } from '../state/desk';
import { useTicket } from '../state/ticket';
import { run, thor } from '../state/thor';
import { DESK_LABELS } from '../../../shared/vocabulary';
import { SourceStatus } from './SourceStatus';

type Field = keyof AccountRow;

/** `narrow`: among the first to give way in a window beside TOS (1024 wide), so the banner stays one line. */
function Figure({ label, hint, testId, narrow, children }: { label: string; hint?: string | undefined; testId: string; narrow?: boolean | undefined; children: ReactNode }) {
  return (
    <div className={narrow ? 'figure-tile narrow-hide' : 'figure-tile'} title={hint}>
      <span className="figure-label">{label}</span>
      <span className="figure-value" data-testid={testId}>
        {children}
      </span>
    </div>
  );
}

function useAccountField(field: Field): string | undefined {
  return useDesk((s) => {
    const value = selectedAccount(s)?.[field];
    return typeof value === 'string' ? value : undefined;
  });
}

function MoneyFigure({ label, hint, field, testId, narrow }: { label: string; hint?: string; field: Field; testId: string; narrow?: boolean }) {
  const value = useAccountField(field);
  return <Figure label={label} hint={hint} testId={testId} narrow={narrow}><Money value={value} /></Figure>;
}

function PnLFigure({ label, field, testId }: { label: string; field: Field; testId: string }) {
  const value = useAccountField(field);
  return <Figure label={label} testId={testId}><PnL value={value} /></Figure>;
}

function TotalReturn() {
  const amount = useAccountField('totalReturn');
  const percent = useAccountField('totalReturnPercent');
  return (
    <Figure label="Return" hint="Total return since the account opened or was reset" testId="banner-return">
      <PnL value={amount} /> <PnL value={percent} percent className="figure-sub" />
    </Figure>
  );
}

function OkToTrade() {
  const ok = useDesk((s) => selectedAccount(s)?.okToTrade);
  if (ok === undefined) return null;
  return (
    <span className={`badge ${ok ? 'badge-ok' : 'badge-bad'}`} data-testid="banner-ok" title="Whether the account meets its requirements">
      {ok ? 'OK to trade' : 'Not OK to trade'}
    </span>
  );
}

/** Which desk is shown: the practice feed's market and ledger, or the TOS file's. Always on screen. */
function DeskBadge() {
  const desk = useDesk((s) => s.desk);
  if (desk === null) return null;
  return (
    <span className={`badge desk-badge desk-${desk}`} data-testid="banner-desk" data-desk={desk} title="The market and ledger shown: choose the data source in Settings">
      {DESK_LABELS[desk]}
    </span>
  );
}

/**
 * The trading date, and whether the ticket's symbol's market is open (main decides both, ENGINE.md 14). One short
 * badge, so the banner stays one line.
 */
function MarketBadge() {
  const market = useDesk((s) => s.market);
  const symbol = useTicket((s) => s.symbol);
  const open = useDesk((s) => s.quoteBySymbol[symbol]?.marketOpen ?? null);
  if (market === null) return null;
  const state = open === null ? '' : open ? ' open' : ' closed';
  return (
    <span
      className={`badge ${open === false ? 'badge-warn' : 'badge-dim'}`}
      data-testid="banner-market"
      data-open={open === null ? '' : String(open)}
      title={market.hours === 'always' ? 'Orders fill at any hour (Settings: market hours always)' : 'Exchange hours, New York time'}
    >
      {market.tradingDate}
      {state && ` · ${symbol}${state}`}
    </span>
  );
}

function AccountSwitcher() {
  const ids = useDesk(useShallow((s) => s.accounts.map((a) => a.id)));
  const current = useDesk(selectedAccountId);
  const margin = useDesk((s) => selectedAccount(s)?.margin);
  return (
    <label className="account-switcher">
      <span className="figure-label">Account</span>
      <span className="account-line">
        <select data-testid="account-select" title={margin ? `margin: ${margin}` : undefined} value={current ?? ''} onChange={(event) => selectAccount(event.target.value)}>
          {ids.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        {margin && <span className="muted small wide-only">{margin}</span>}
      </span>
    </label>
  );
}

type DeskNotes = Pick<DeskSnapshot, 'ledgerFault' | 'notices'>;

/** The desk's own notes from the latest snapshot, heard here so the banner needs nothing more of the store. */
function useDeskNotes(): DeskNotes | null {
  const [notes, setNotes] = useState<DeskNotes | null>(null);
  useEffect(() => {
    let live = true;
    const keep = (snapshot: DeskSnapshot) => {
      if (!live) return;
      setNotes((old) =>
        old && old.ledgerFault?.message === snapshot.ledgerFault?.message && old.notices.join('\n') === snapshot.notices.join('\n')
          ? old
          : { ledgerFault: snapshot.ledgerFault ?? null, notices: snapshot.notices ?? [] },
      );
    };
    void run((t) => t.getSnapshot({})).then((first) => first.ok && keep(first.data));
    let off: (() => void) | undefined;
    try {
      off = thor().subscribe((event) => event.type === 'snapshot' && keep(event.snapshot));
    } catch {
      // no desk connected: the connection notice says so
    }
    return () => {
      live = false;
      off?.();
    };
  }, []);
  return notes;
}

/** A ledger that cannot be written (why, where, what to do), else a start-up notice; one line, the whole text on hover. */
function LedgerAlert() {
  const notes = useDeskNotes();
  const text = notes?.ledgerFault?.message ?? notes?.notices[0];
  if (!text) return null;
  const fault = Boolean(notes?.ledgerFault);
  return (
    <span
      role="alert"
      className={`badge ${fault ? 'badge-bad' : ''}`}
      data-testid={fault ? 'banner-ledger-fault' : 'banner-notice'}
      title={text}
      style={{ minWidth: 0, flex: '0 1 auto', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
    >
      {fault ? text.replace(/^cannot write the ledger/, 'Cannot write the ledger') : text}
    </span>
  );
}

export function AccountBanner({ onOpenSettings }: { onOpenSettings: () => void }) {
  return (
    <header className="banner">
      <div className="brand narrow-hide" title="Thor Paper Desk">Thor</div>
      <DeskBadge />
      <MarketBadge />
      <AccountSwitcher />
      <OkToTrade />
      <LedgerAlert />
      <div className="figures">
        <MoneyFigure label="Net liq" field="netLiq" testId="banner-netliq" />
        <MoneyFigure label="Cash" field="cash" testId="banner-cash" narrow />
        <MoneyFigure label="Stock BP" hint="Buying power for stock" field="buyingPower" testId="banner-bp" />
        <MoneyFigure label="DT BP" hint="Day trading buying power" field="dayTradingBuyingPower" testId="banner-dtbp" narrow />
        <MoneyFigure label="Opt BP" hint="Option buying power" field="optionBuyingPower" testId="banner-obp" narrow />
        <PnLFigure label="P/L Day" field="plDay" testId="banner-plday" />
        <PnLFigure label="P/L Open" field="unrealizedPl" testId="banner-plopen" />
        <TotalReturn />
      </div>
      <SourceStatus />
      <button type="button" className="icon-button" data-testid="open-settings" onClick={onOpenSettings} title="Settings">
        ⚙<span className="wide-only"> Settings</span>
      </button>
    </header>
  );
}
