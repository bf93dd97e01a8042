// The paper desk: the one service the app, the scenario runner, the CLIs and the tests drive. It runs each
// engine operation as decide (engine, pure) -> write (ledger, one transaction) -> apply (in-memory state), with
// the trading day's rolls and expiries caught up first. It never imports electron.
import type { Change } from '../engine/change';
import { NO_CHANGE, touchesLedger } from '../engine/change';
import {
  advanceClock,
  applyQuote,
  cancelAllOrders,
  cancelOrder,
  closePosition,
  createAccount,
  editOrder,
  editTradeJournal,
  placeOco,
  placeOrder,
  replaceSettings,
  type PlaceOcoInput,
  resetAccount,
  type Closing,
  type CreateAccountInput,
  type Decision,
  type EngineError,
} from '../engine/engine';
import { canonicalSymbol } from '../engine/instruments';
import type { Trade, TradeEdit } from '../engine/journal';
import type { Account, DaySnapshot, EquitySample, Fill, Order, OrderEvent, Position, Reset } from '../engine/model';
import { closedMatching, statisticsOfClosed, type TradeFilter, type TradeStatistics } from '../engine/statistics';
import { previewOrder, type OrderPreview } from '../engine/preview';
import type { EditOrderInput, PlaceOrderInput } from '../engine/orderInput';
import type { QuoteUpdate } from '../engine/quotes';
import type { Settings } from '../engine/settings';
import { applySettingsPatch, type SettingsPatch } from '../engine/settingsPatch';
import type { EngineState } from '../engine/state';
import type { AccountView } from '../../shared/views';
import { LedgerWriteError, openFault, type LedgerFault } from '../ledger/faults';
import { Ledger, type HistoryFilter, type LedgerOptions, type RangeFilter } from '../ledger/ledger';
import { JournalMemo } from './journalMemo';
import { TradeBook } from './tradeBook';
import { accountView } from './views';

export interface Clock {
  now(): number;
}

const wallClock: Clock = { now: () => Date.now() };

/** The engine's refusals, and the desk's own: a ledger that cannot be written refuses every change. */
export interface DeskError {
  readonly code: EngineError['code'] | 'LEDGER_UNWRITABLE';
  readonly message: string;
  /** Which member (and child) of a linked command an input error is about. */
  readonly where?: EngineError['where'];
}
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DeskError };

/** A ledger fault and when the desk first met it. */
export interface DeskFault extends LedgerFault {
  readonly since: number;
}

export interface DeskOptions extends LedgerOptions {
  readonly clock?: Clock;
}

export type ChangeListener = (change: Change) => void;

export class PaperDesk {
  readonly state: EngineState;
  private readonly listeners = new Set<ChangeListener>();
  private currentFault: DeskFault | null = null;
  /** The journal in memory: read once (or warmed by warmJournal), so a journal query reads no SQLite. */
  private readonly book: TradeBook;
  /** The journal screen's last answers, kept until the journal's version moves. */
  readonly journalMemo = new JournalMemo();
  private closed = false;

  private constructor(
    readonly ledger: Ledger,
    readonly clock: Clock,
  ) {
    this.state = ledger.loadState(clock.now());
    this.book = new TradeBook(ledger);
  }

  static async open(options: DeskOptions): Promise<PaperDesk> {
    const ledger = await Ledger.open(options);
    try {
      return new PaperDesk(ledger, options.clock ?? wallClock);
    } catch (error) {
      try {
        ledger.close();
      } catch {
        // the error that stopped the start is the one to report
      }
      throw openFault(error, options.path) ?? error;
    }
  }

  /** Why the ledger cannot be written now, or null while it can. Every change is refused with its message. */
  get fault(): DeskFault | null {
    return this.currentFault;
  }

  /** What the trader should know about how the ledger was opened (settings that could not be read). */
  get notices(): readonly string[] {
    return this.ledger.notices;
  }

  /**
   * While the ledger is faulted: tries a one-row write and clears the fault when the file takes it again (the
   * housekeeping timer calls this, so the desk recovers by itself). Never throws for a storage fault.
   */
  checkLedger(): DeskFault | null {
    if (!this.currentFault) return null;
    try {
      this.ledger.checkWritable();
      this.ledger.flushQuotes();
      this.currentFault = null;
    } catch (error) {
      this.noteFault(error);
    }
    return this.currentFault;
  }

  /** Called with every committed change, after the state has applied it. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Rolls and expiries that have fallen due by the clock's time. A ledger that cannot take them leaves the state
   * as it was (the roll is retried with the next call) and the desk faulted: this never throws for the disk.
   */
  catchUp(): Change {
    try {
      return this.commit(advanceClock(this.state, this.clock.now()));
    } catch (error) {
      this.noteFault(error);
      return NO_CHANGE;
    }
  }

  placeOrder(input: PlaceOrderInput): Result<Order> {
    return this.decide(() => placeOrder(this.state, input, this.clock.now()));
  }

  /** ENGINE.md 12: an OCO group (each member may carry children), in one transaction. */
  placeOco(input: PlaceOcoInput): Result<readonly Order[]> {
    return this.decide(() => placeOco(this.state, input, this.clock.now()));
  }

  /** The HELD children waiting for an order to fill, oldest first. */
  heldChildren(parentId: number): Order[] {
    const parent = this.state.orderById(parentId);
    if (!parent) return [];
    return [...this.state.heldOrdersOf(parent.accountId)].filter((o) => o.parentId === parentId).sort((a, b) => a.id - b.id);
  }

  editOrder(orderId: number, edit: EditOrderInput): Result<Order> {
    return this.decide(() => editOrder(this.state, orderId, edit, this.clock.now()));
  }

  cancelOrder(orderId: number): Result<Order> {
    return this.decide(() => cancelOrder(this.state, orderId, this.clock.now()));
  }

  /** What the order would cost and need, or why it would be refused; changes nothing (no catch-up either). */
  previewOrder(input: PlaceOrderInput): Result<OrderPreview> {
    return previewOrder(this.state, input, this.clock.now());
  }

  /** ENGINE.md 13: the symbol's working orders canceled, then a MKT order that closes the position. */
  flatten(accountId: unknown, symbol: string): Result<Closing> {
    return this.decide(() => closePosition(this.state, accountId, symbol, 'flatten', this.clock.now()));
  }

  /** ENGINE.md 13: the symbol's working orders canceled, then a MKT order of twice the position the other way. */
  reverse(accountId: unknown, symbol: string): Result<Closing> {
    return this.decide(() => closePosition(this.state, accountId, symbol, 'reverse', this.clock.now()));
  }

  /** Every WORKING and HELD order of the account canceled, in one transaction. */
  cancelAll(accountId: string): Result<readonly Order[]> {
    return this.decide(() => cancelAllOrders(this.state, accountId, this.clock.now()));
  }

  /** The settings this desk trades with. */
  get settings(): Settings {
    return this.state.settings;
  }

  /** An account with its figures (net liq, buying power, P&L), as the window and the scenario runner show it. */
  describeAccount(account: Account): AccountView {
    return accountView(this.state, account);
  }

  /** The account's position in a symbol (any spelling of it), closed ones of today included. */
  position(accountId: string, symbol: string): Position | undefined {
    return this.state.position(accountId, canonicalSymbol(symbol));
  }

  /** Orders in the order they were placed, from the ledger (history included). */
  orderHistory(filter: HistoryFilter = {}): Order[] {
    return this.ledger.orders(filter);
  }

  /** Fills in the order they happened, from the ledger. */
  fillHistory(filter: HistoryFilter = {}): Fill[] {
    return this.ledger.fills(filter);
  }

  /** The account's orders placed in [from, to), newest first, a page before order `before` (issue 12). */
  ordersPlaced(filter: RangeFilter): Order[] {
    return this.ledger.ordersPlaced(filter);
  }

  /** The account's fills in [from, to), newest first, a page before fill `before`. */
  fillsBetween(filter: RangeFilter): Fill[] {
    return this.ledger.fillsBetween(filter);
  }

  /** An order (working or not) with its events, oldest first; undefined for an unknown id. */
  orderTrail(orderId: number): { order: Order; events: OrderEvent[] } | undefined {
    const order = this.state.orderById(orderId);
    return order ? { order, events: this.ledger.orderEvents(orderId) } : undefined;
  }

  /** The account's opening and resets in [from, to), newest first. */
  resets(accountId: string, from: number, to: number): Reset[] {
    return this.ledger.resetsBetween(accountId, from, to);
  }

  /** The journal's trades in the order they opened (JOURNAL.md 1), open ones as the state holds them (live excursions). */
  trades(filter: { accountId?: string; closedSince?: number } = {}): Trade[] {
    const out: Trade[] = [];
    for (const trade of this.book.all()) {
      if (filter.accountId && trade.accountId !== filter.accountId) continue;
      if (filter.closedSince !== undefined && trade.closedAt !== null && trade.closedAt < filter.closedSince) continue;
      out.push(trade.status === 'OPEN' ? (this.openTradeNow(trade) ?? trade) : trade);
    }
    return out;
  }

  /**
   * Reads the journal into memory a piece at a time, yielding between pieces, so the first journal query finds it
   * ready without the app stalling at start. A query before it is done reads the rest at once.
   */
  async warmJournal(): Promise<void> {
    while (!this.closed && !this.book.readPage()) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private openTradeNow(trade: Trade): Trade | undefined {
    const live = this.state.openTrade(trade.accountId, trade.symbol);
    return live?.id === trade.id ? live : undefined;
  }

  trade(id: number): Trade | undefined {
    const stored = this.book.loaded ? this.book.get(id) : this.ledger.tradeById(id);
    return stored && stored.status === 'OPEN' ? (this.openTradeNow(stored) ?? stored) : stored;
  }

  /** Changes whenever a trade is written: what was computed from the closed trades stays true until it moves. */
  get journalVersion(): number {
    return this.book.version;
  }

  /**
   * Finer versions of the journal for answers kept across edits: `tags` stays on a note edit, `figures` on a note or
   * tag edit (money, times and status never change with an edit), both move with every fill and reset.
   */
  get journalVersions(): { readonly tags: number; readonly figures: number } {
    return this.book.versions;
  }

  /** The CLOSED trades of every account in closing order (JOURNAL.md 3), kept until the journal's version moves. */
  closedTrades(): readonly Trade[] {
    return this.book.closedInClosingOrder();
  }

  /** Statistics and groupings over the closed trades that match (JOURNAL.md 3). */
  statistics(filter: TradeFilter = {}): TradeStatistics {
    return statisticsOfClosed(closedMatching(this.book.closedInClosingOrder(), filter));
  }

  /** Adds or removes a trade's tags, or rewrites its note. */
  editTrade(id: number, edit: TradeEdit): Result<Trade> {
    const trade = this.trade(id);
    if (!trade) return { ok: false, error: { code: 'NOT_FOUND', message: `no trade ${id}` } };
    return this.decide(() => editTradeJournal(this.state, trade, edit));
  }

  /** Every tag used on a trade so far, as first spelled. */
  tagsUsed(): string[] {
    return this.book.tagsUsed();
  }

  /** The equity history (JOURNAL.md 5): the snapshots at each roll and the samples taken during the days. */
  equityHistory(accountId: string): { snapshots: DaySnapshot[]; samples: EquitySample[] } {
    return { snapshots: this.ledger.daySnapshots(accountId), samples: this.ledger.equitySamples(accountId) };
  }

  /** A preference of this desk kept in its ledger beside the engine settings (order confirmation, the source). */
  preference(key: string): unknown {
    return this.ledger.preference(key);
  }

  /** Throws a LedgerWriteError (after noting the fault) when the ledger cannot take it. */
  setPreference(key: string, value: unknown): void {
    try {
      this.ledger.setPreference(key, value);
      this.currentFault = null;
    } catch (error) {
      this.noteFault(error);
      throw error;
    }
  }

  /**
   * Applies a quote (its time defaults to the clock's) and fills what it reaches. While the ledger cannot be
   * written, marks still move (the quote alone is market data) but nothing fills: the fills wait for the ledger,
   * and the next quote re-evaluates the orders. Never throws for the disk.
   */
  applyQuote(update: Omit<QuoteUpdate, 'time'> & { time?: number }): Change {
    const quote = update.time === undefined ? { ...update, time: this.clock.now() } : (update as QuoteUpdate);
    try {
      this.commitOrThrow(advanceClock(this.state, this.clock.now()));
      return this.commitOrThrow(applyQuote(this.state, quote));
    } catch (error) {
      this.noteFault(error);
      return this.commitOrThrow({ ...NO_CHANGE, quotes: applyQuote(this.state, quote).quotes });
    }
  }

  createAccount(input: CreateAccountInput): Result<Account> {
    return this.decide(() => createAccount(this.state, input, this.clock.now()));
  }

  resetAccount(accountId?: unknown, startingBalance?: unknown): Result<Account> {
    return this.decide(() => resetAccount(this.state, accountId, this.clock.now(), startingBalance));
  }

  /** Changes settings from now on; a bad value changes nothing and says which field is wrong. */
  updateSettings(patch: SettingsPatch): Result<Settings> {
    return this.decide(() => {
      const next = applySettingsPatch(this.state.settings, patch);
      if (!next.ok) return { ok: false, error: { code: 'INVALID_INPUT', message: next.message } };
      return { ok: true, value: next.value, change: replaceSettings(this.state, next.value) };
    });
  }

  /** Writes cached quotes to disk (the app calls this now and then; close does it too). Never throws for the disk. */
  flushQuotes(): void {
    try {
      this.ledger.flushQuotes();
    } catch (error) {
      this.noteFault(error);
    }
  }

  close(): void {
    this.closed = true;
    try {
      this.ledger.close();
    } catch (error) {
      // closing must not fail because the last quotes could not be written
      if (!(error instanceof LedgerWriteError)) throw error;
    }
  }

  /**
   * One operation: the rolls and expiries due first, then the engine's decision, each written in its own
   * transaction. A ledger that cannot take them refuses the operation with the fault's message and nothing
   * is applied (the transaction rolled back, the state was not touched).
   */
  private decide<T>(decide: () => Decision<T>): Result<T> {
    try {
      this.commitOrThrow(advanceClock(this.state, this.clock.now()));
      const decision = decide();
      if (!decision.ok) return decision;
      this.commitOrThrow(decision.change);
      return { ok: true, value: decision.value };
    } catch (error) {
      this.noteFault(error);
      return { ok: false, error: { code: 'LEDGER_UNWRITABLE', message: (error as LedgerWriteError).message } };
    }
  }

  /** Rethrows anything that is not a ledger fault (a bug must not pass for a full disk). */
  private noteFault(error: unknown): void {
    if (!(error instanceof LedgerWriteError)) throw error;
    if (this.currentFault?.code !== error.fault.code) this.currentFault = { ...error.fault, since: this.clock.now() };
  }

  private commit(change: Change): Change {
    return this.commitOrThrow(change);
  }

  private commitOrThrow(change: Change): Change {
    if (change === NO_CHANGE) return change;
    this.ledger.commit(change);
    // A write that succeeds is the proof the ledger takes writes again.
    if (touchesLedger(change)) this.currentFault = null;
    this.state.apply(change);
    this.book.apply(change.trades);
    for (const listener of this.listeners) listener(change);
    return change;
  }
}
