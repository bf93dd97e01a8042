// The latest desk snapshot as the window shows it, fed by getSnapshot and the pushed snapshots, plus the selected
// account (kept in localStorage) and the settings. Every figure here was computed by main: this store never derives
// P&L or buying power. Updates reuse the previous objects where nothing changed, so a tick re-renders only the rows
// (and cells) that moved.
import { create } from 'zustand';
import type {
  DeskSnapshot,
  JournalTradeRow,
  PriceFormat,
  QuoteView,
  SourceStatusView,
  TerminalSettings,
  WorkingOrderView,
} from '../../../shared/contract';
import type { DeskName } from '../../../shared/vocabulary';
import { reuseEqual, reuseValue } from './reuse';

export type AccountRow = DeskSnapshot['accounts'][number];
export type PositionRow = DeskSnapshot['positions'][number];
export type OrderRow = DeskSnapshot['orders'][number];
export type FillRow = DeskSnapshot['fills'][number];

/** `since`: epoch ms the desk was lost, for a window that had it (the figures on screen are from then). */
export type Connection = { state: 'connecting' } | { state: 'live' } | { state: 'offline'; reason: string; since?: number };

export interface DeskState {
  connection: Connection;
  /** Epoch ms main built the snapshot we hold; an older one arriving late is dropped. */
  time: number;
  /** The number of the pushed snapshot we hold (or the last one pushed before the getSnapshot we hold); -1 before. */
  seq: number;
  /** Which desk (market and ledger) the window shows; null before the first snapshot. */
  desk: DeskName | null;
  /** The trading date and the desk's market hours, from main. */
  market: DeskSnapshot['market'] | null;
  accounts: readonly AccountRow[];
  positions: readonly PositionRow[];
  workingOrders: readonly WorkingOrderView[];
  orders: readonly OrderRow[];
  fills: readonly FillRow[];
  quotes: readonly QuoteView[];
  quoteBySymbol: Readonly<Record<string, QuoteView>>;
  source: SourceStatusView | null;
  /** Moves whenever main's journal changed: the journal screen asks again. */
  journalVersion: number;
  /** The open trades as main measured them at the last push (live excursions). */
  openTrades: readonly JournalTradeRow[];
  settings: TerminalSettings | null;
  /** The account the trader picked, as saved; selectedAccountId() falls back when it no longer exists. */
  selectedAccount: string | null;
}

const ACCOUNT_KEY = 'thor.selectedAccount';

function savedAccount(): string | null {
  try {
    return window.localStorage.getItem(ACCOUNT_KEY);
  } catch {
    return null;
  }
}

export const useDesk = create<DeskState>()(() => ({
  connection: { state: 'connecting' },
  time: 0,
  seq: -1,
  desk: null,
  market: null,
  accounts: [],
  positions: [],
  workingOrders: [],
  orders: [],
  fills: [],
  quotes: [],
  quoteBySymbol: {},
  source: null,
  journalVersion: 0,
  openTrades: [],
  settings: null,
  selectedAccount: savedAccount(),
}));

export const positionKey = (p: { account: string; symbol: string }) => `${p.account}|${p.symbol}`;

/** Applies a snapshot from main, keeping every unchanged row (and unchanged list) as the same object. */
export function applySnapshot(snapshot: DeskSnapshot): void {
  useDesk.setState((s) => {
    if (snapshot.time < s.time) return {};
    const quotes = reuseEqual(s.quotes, snapshot.quotes, (q) => q.symbol);
    return {
      ...rowsOf(s, snapshot),
      quotes,
      quoteBySymbol: quotes === s.quotes ? s.quoteBySymbol : Object.fromEntries(quotes.map((q) => [q.symbol, q])),
    };
  });
}

/**
 * Applies a pushed snapshot whose quotes are only the rows changed since push `quotesSince`, over the snapshot we
 * hold: the other rows keep their objects without being compared. False when we do not hold that push (one was
 * missed): the caller then reads a whole snapshot.
 */
export function applyQuoteChanges(snapshot: DeskSnapshot, quotesSince: number): boolean {
  const held = useDesk.getState().seq;
  // Older than what we hold (a getSnapshot answered after it was pushed): nothing to do.
  if (snapshot.seq <= held) return true;
  if (held !== quotesSince) return false;
  useDesk.setState((s) => {
    const changed = new Map(snapshot.quotes.map((q) => [q.symbol, q]));
    if (changed.size === 0) return rowsOf(s, snapshot);
    return {
      ...rowsOf(s, snapshot),
      quotes: s.quotes.map((q) => changed.get(q.symbol) ?? q),
      quoteBySymbol: { ...s.quoteBySymbol, ...Object.fromEntries(changed) },
    };
  });
  return true;
}

/** Everything of a snapshot but its quotes, each unchanged row and list kept as the same object. */
function rowsOf(s: DeskState, snapshot: DeskSnapshot) {
  return {
    connection: s.connection.state === 'live' ? s.connection : ({ state: 'live' } as const),
    time: snapshot.time,
    seq: snapshot.seq,
    desk: snapshot.desk,
    market: reuseValue(s.market, snapshot.market),
    journalVersion: snapshot.journal.version,
    openTrades: reuseEqual(s.openTrades, snapshot.journal.openTrades, (t) => t.id),
    accounts: reuseEqual(s.accounts, snapshot.accounts, (a) => a.id),
    positions: reuseEqual(s.positions, snapshot.positions, positionKey),
    workingOrders: reuseEqual(s.workingOrders, snapshot.workingOrders, (o) => o.id),
    orders: reuseEqual(s.orders, snapshot.orders, (o) => o.id),
    fills: reuseEqual(s.fills, snapshot.fills, (f) => f.id),
    source: reuseValue(s.source, snapshot.source),
  };
}

export function applySourceStatus(status: SourceStatusView): void {
  useDesk.setState((s) => ({ source: reuseValue(s.source, status) }));
}

export function applySettings(settings: TerminalSettings): void {
  useDesk.setState((s) => ({ settings: reuseValue(s.settings, settings) }));
}

export function setConnection(connection: Connection): void {
  useDesk.setState({ connection });
}

export function selectAccount(id: string): void {
  try {
    window.localStorage.setItem(ACCOUNT_KEY, id);
  } catch {
    // Storage can be unavailable (a locked-down profile): the choice then lasts until the window closes.
  }
  useDesk.setState({ selectedAccount: id });
}

/** The account the panels show: the saved choice while it exists, else the first account. */
export function selectedAccountId(s: DeskState): string | null {
  if (s.selectedAccount !== null && s.accounts.some((a) => a.id === s.selectedAccount)) return s.selectedAccount;
  return s.accounts[0]?.id ?? null;
}

export function selectedAccount(s: DeskState): AccountRow | undefined {
  const id = selectedAccountId(s);
  return s.accounts.find((a) => a.id === id);
}

// Rows looked up by key for the per-row selectors; one index per list object, built once and dropped with it.
const indexes = new WeakMap<readonly object[], Map<string | number, object>>();

function rowByKey<T extends object>(list: readonly T[], key: string | number, keyOf: (row: T) => string | number): T | undefined {
  let index = indexes.get(list);
  if (!index) {
    index = new Map(list.map((row) => [keyOf(row), row]));
    indexes.set(list, index);
  }
  return index.get(key) as T | undefined;
}

export const positionRow = (s: DeskState, key: string) => rowByKey(s.positions, key, positionKey);
export const workingOrderRow = (s: DeskState, id: number) => rowByKey(s.workingOrders, id, (o) => o.id);
export const orderRow = (s: DeskState, id: number) => rowByKey(s.orders, id, (o) => o.id);
export const fillRow = (s: DeskState, id: number) => rowByKey(s.fills, id, (f) => f.id);

/** Two decimals: a symbol the desk has no row for yet (the ticket's typed symbol before its first quote). */
export const DEFAULT_PRICE_FORMAT: PriceFormat = { kind: 'decimal', decimals: 2 };
