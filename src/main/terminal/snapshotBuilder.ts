// Builds what the window shows from the desk and LiveData: accounts with their metrics, positions, working orders
// with the engine's "why not filled yet", the day's orders and fills, the watchlist quotes and the source status.
// Every figure is computed here (main), never in the renderer.
import type { DeskSnapshot, QuoteView, SourceStatusView, WorkingOrderView } from '../../shared/contract';
import type { FillView, OrderView, Priced } from '../../shared/views';
import type { DeskName } from '../../shared/vocabulary';
import type { PaperDesk } from '../desk/desk';
import { accountView, orderView, positionView } from '../desk/views';
import { Dec, plain } from '../engine/decimal';
import { whyNotFilled } from '../engine/engine';
import { resolveInstrument } from '../engine/instruments';
import { marketOpenFor } from '../engine/marketHours';
import { markPrice, type Quote } from '../engine/quotes';
import { tradingDate } from '../engine/tradingDay';
import { journalTradeRow } from './handlers/journal';
import { priceFormatOf } from './priceFormat';

const text = (value: { toFixed(): string } | null) => (value === null ? null : value.toFixed());

/** Whether the symbol's market is open at `now` (stocks: the regular session); null when it cannot be traded. */
function marketOpen(desk: PaperDesk, symbol: string, now: number): boolean | null {
  const instrument = resolveInstrument(symbol, desk.settings);
  return instrument.ok ? marketOpenFor(instrument.instrument.assetType, 'DAY', now, desk.settings) : null;
}

function quoteView(desk: PaperDesk, quote: Quote, changedAt: number | undefined, now: number): QuoteView {
  const price = quote.last ?? markPrice(quote)?.price ?? null;
  return {
    symbol: quote.symbol,
    description: quote.description,
    last: text(quote.last),
    bid: text(quote.bid),
    ask: text(quote.ask),
    mark: text(markPrice(quote)?.price ?? null),
    bidSize: text(quote.bidSize),
    askSize: text(quote.askSize),
    volume: text(quote.volume),
    netChange: text(quote.netChange),
    percentChange: text(quote.percentChange),
    high: text(quote.high),
    low: text(quote.low),
    changedAt: changedAt ?? quote.time,
    ...priceFormatOf(quote.symbol, price, desk.settings),
    marketOpen: marketOpen(desk, quote.symbol, now),
  };
}

export interface SnapshotInputs {
  readonly desk: PaperDesk;
  readonly deskName: DeskName;
  /** The watchlist: the source's symbols, in the order it gives them. */
  readonly watchlist: readonly string[];
  readonly changedAt: (symbol: string) => number | undefined;
  readonly source: SourceStatusView;
  readonly orders: readonly (OrderView & Priced)[];
  readonly fills: readonly (FillView & Priced)[];
  readonly now: number;
  /** Goes up with every change to the journal's trades (the window asks for its page again). */
  readonly journalVersion: number;
  /** The number of the last pushed snapshot. */
  readonly seq: number;
}

/** The quotes of `next` that differ from the same symbol's in `previous` (a busy market's push sends only these). */
export function changedQuotes(previous: ReadonlyMap<string, QuoteView>, next: readonly QuoteView[]): QuoteView[] {
  return next.filter((quote) => !sameQuote(previous.get(quote.symbol), quote));
}

function sameQuote(a: QuoteView | undefined, b: QuoteView): boolean {
  if (a === undefined) return false;
  for (const key of Object.keys(b) as (keyof QuoteView)[]) {
    if (key === 'priceFormat') {
      const [fa, fb] = [a.priceFormat, b.priceFormat];
      if (fa.kind !== fb.kind || (fa.kind === 'decimal' && fb.kind === 'decimal' && fa.decimals !== fb.decimals)) return false;
    } else if (a[key] !== b[key]) return false;
  }
  return true;
}

export function buildSnapshot(inputs: SnapshotInputs): DeskSnapshot {
  const { desk } = inputs;
  const state = desk.state;
  const accounts = [...state.accounts()].map((account) => {
    const view = accountView(state, account);
    // Total return since the account opened or was last reset: net liq against the balance it started from.
    const gain = new Dec(view.netLiq).minus(account.startingBalance);
    const percent = account.startingBalance.isZero() ? new Dec(0) : gain.div(account.startingBalance).times(100);
    return { ...view, totalReturn: plain(gain), totalReturnPercent: plain(percent.toDecimalPlaces(4)) };
  });
  const positions = [];
  for (const account of state.accounts()) {
    for (const position of state.positionsOf(account.id)) {
      positions.push({ ...positionView(state, position, account.margin), ...priceFormatOf(position.symbol, null, state.settings) });
    }
  }
  positions.sort((a, b) => (a.account === b.account ? a.symbol.localeCompare(b.symbol) : 0));
  // HELD children (ENGINE.md 12) are listed with the working orders, each after its parent (by id), with its why.
  const live = [...state.allWorkingOrders(), ...state.allHeldOrders()].sort((a, b) => a.id - b.id);
  const workingOrders: WorkingOrderView[] = live.map((order) => {
    return { ...orderView(order), why: whyNotFilled(state, order, inputs.now), ...priceFormatOf(order.symbol, order.limit ?? order.stop, state.settings) };
  });
  const symbols = new Set(inputs.watchlist);
  for (const p of positions) symbols.add(p.symbol);
  for (const o of workingOrders) symbols.add(o.symbol);
  const quotes: QuoteView[] = [];
  for (const symbol of symbols) {
    const quote = state.quote(symbol);
    if (quote) quotes.push(quoteView(desk, quote, inputs.changedAt(symbol), inputs.now));
  }
  return {
    time: inputs.now,
    seq: inputs.seq,
    desk: inputs.deskName,
    market: { tradingDate: tradingDate(inputs.now), hours: state.settings.marketHours },
    accounts,
    positions,
    workingOrders,
    orders: [...inputs.orders],
    fills: [...inputs.fills],
    quotes,
    source: inputs.source,
    ledgerFault: desk.fault
      ? { why: desk.fault.why, where: desk.fault.where, what: desk.fault.what, message: desk.fault.message, since: desk.fault.since }
      : null,
    notices: [...desk.notices],
    journal: {
      version: inputs.journalVersion,
      openTrades: [...state.allOpenTrades()].map((trade) => journalTradeRow(desk, trade)).sort((a, b) => a.id - b.id),
    },
  };
}
