// A Draft is one operation's working copy: it reads through to the committed state and records every record the
// operation replaces, so later steps of the same operation see earlier ones (two fills on one quote) while the
// committed state stays untouched until the ledger has written the change.
// It is the one way an order comes into being or changes: openOrder and moveOrder take the next status from the
// transition table and record the order event with it, so no event can be forgotten or invented.
import { workingOrdersRequirement } from './accounting';
import type { Change } from './change';
import type { Dec } from './decimal';
import type { Trade } from './journal';
import type { Account, DaySnapshot, EquitySample, Fill, Order, OrderEvent, OrderEventType, Position, Reset } from './model';
import { NEW, positionKey, transition } from './model';
import type { Quote } from './quotes';
import type { Settings } from './settings';
import type { EngineState } from './state';
import type { EngineView } from './view';

export class Draft implements EngineView {
  private readonly orderOverlay = new Map<number, Order>();
  /** Orders this operation only trailed (W and stop): written as two columns, not as a whole row. */
  private readonly trailedOnly = new Set<number>();
  private readonly positionOverlay = new Map<string, Position | null>();
  private readonly accountOverlay = new Map<string, Account>();
  private readonly quoteOverlay = new Map<string, Quote>();
  private readonly events: OrderEvent[] = [];
  private readonly fills: Fill[] = [];
  private readonly resets: Reset[] = [];
  private readonly snapshots: DaySnapshot[] = [];
  /** Trades by id as the operation leaves them; `journaled` names those a fill, reset or edit changed. */
  private readonly tradeOverlay = new Map<number, Trade>();
  private readonly openTradeOverlay = new Map<string, Trade | null>();
  private readonly journaled = new Set<number>();
  private readonly samples: EquitySample[] = [];
  private tradeId: number;
  private newSettings: Settings | undefined;
  private newLastRollAt: number | undefined;
  private orderId: number;
  private fillId: number;

  constructor(readonly state: EngineState) {
    this.orderId = state.lastOrderId;
    this.fillId = state.lastFillId;
    this.tradeId = state.lastTradeId;
  }

  get settings(): Settings {
    return this.newSettings ?? this.state.settings;
  }
  get lastRollAt(): number {
    return this.newLastRollAt ?? this.state.lastRollAt;
  }

  account(id: string) {
    return this.accountOverlay.get(id) ?? this.state.account(id);
  }
  *accounts() {
    for (const account of this.state.accounts()) yield this.accountOverlay.get(account.id) ?? account;
    for (const account of this.accountOverlay.values()) if (!this.state.account(account.id)) yield account;
  }
  position(accountId: string, symbol: string) {
    const key = positionKey(accountId, symbol);
    const overlaid = this.positionOverlay.get(key);
    if (overlaid !== undefined) return overlaid ?? undefined;
    return this.state.position(accountId, symbol);
  }
  *positionsOf(accountId: string) {
    for (const position of this.state.positionsOf(accountId)) {
      const overlaid = this.positionOverlay.get(positionKey(accountId, position.symbol));
      if (overlaid === undefined) yield position;
      else if (overlaid) yield overlaid;
    }
    for (const position of this.positionOverlay.values()) {
      if (position && position.accountId === accountId && !this.state.position(accountId, position.symbol)) yield position;
    }
  }
  workingOrdersOf(accountId: string) {
    return this.overlayWorking(this.state.workingOrdersOf(accountId), (o) => o.accountId === accountId);
  }
  workingOrdersOfSymbol(symbol: string) {
    return this.overlayWorking(this.state.workingOrdersOfSymbol(symbol), (o) => o.symbol === symbol);
  }
  heldOrdersOf(accountId: string) {
    return this.overlayStatus(this.state.heldOrdersOf(accountId), 'HELD', (o) => o.accountId === accountId);
  }
  quote(symbol: string) {
    return this.quoteOverlay.get(symbol) ?? this.state.quote(symbol);
  }
  workingOrdersRequirement(account: Account): Dec {
    const touched =
      this.newSettings !== undefined ||
      [...this.orderOverlay.values()].some((o) => o.accountId === account.id) ||
      [...this.positionOverlay.entries()].some(([key]) => key.startsWith(`${account.id}\u0000`));
    return touched ? workingOrdersRequirement(this, account) : this.state.workingOrdersRequirement(account);
  }
  order(id: number): Order | undefined {
    return this.orderOverlay.get(id) ?? this.state.orderById(id);
  }

  private overlayWorking(committed: Iterable<Order>, belongs: (order: Order) => boolean) {
    return this.overlayStatus(committed, 'WORKING', belongs);
  }

  /** The committed orders of one status as this operation left them, and those that came to it in the operation. */
  private *overlayStatus(committed: Iterable<Order>, status: 'WORKING' | 'HELD', belongs: (order: Order) => boolean) {
    const seen = new Set<number>();
    for (const order of committed) {
      seen.add(order.id);
      const current = this.orderOverlay.get(order.id) ?? order;
      if (current.status === status) yield current;
    }
    for (const order of this.orderOverlay.values()) {
      if (!seen.has(order.id) && order.status === status && belongs(order)) yield order;
    }
  }

  nextOrderId(): number {
    return ++this.orderId;
  }
  nextFillId(): number {
    return ++this.fillId;
  }
  lastFillId(): number {
    return this.fillId;
  }
  nextTradeId(): number {
    return ++this.tradeId;
  }

  /** The open trade of an account in a symbol, as this operation left it. */
  openTrade(accountId: string, symbol: string): Trade | undefined {
    const overlaid = this.openTradeOverlay.get(positionKey(accountId, symbol));
    if (overlaid !== undefined) return overlaid ?? undefined;
    return this.state.openTrade(accountId, symbol);
  }
  /** A trade a fill, a reset or an edit changed: ledger state, written with the operation. */
  putTrade(trade: Trade) {
    this.journaled.add(trade.id);
    this.overlayTrade(trade);
  }
  /** An open trade whose excursions moved: market data, written with the next transaction. */
  putExcursion(trade: Trade) {
    this.overlayTrade(trade);
  }
  private overlayTrade(trade: Trade) {
    this.tradeOverlay.set(trade.id, trade);
    const key = positionKey(trade.accountId, trade.symbol);
    if (trade.status === 'OPEN') this.openTradeOverlay.set(key, trade);
    else if (this.openTrade(trade.accountId, trade.symbol)?.id === trade.id) this.openTradeOverlay.set(key, null);
  }
  addEquitySample(sample: EquitySample) {
    this.samples.push(sample);
  }

  /** A new order, ACCEPTED (WORKING) or REJECTED from the table's NEW row; its event is recorded with it. */
  openOrder(fields: Omit<Order, 'status'>, event: 'ACCEPTED' | 'REJECTED' | 'HELD', detail: OrderEvent['detail']): Order {
    // Spelled out in the field order every Order is built in (orderFromRow too), never spread: orders of one shape
    // share one hidden class, and the tick path's reads of thousands of orders stay monomorphic (a spread here made
    // them megamorphic, 10x slower with 10,000 working orders).
    const order: Order = {
      id: fields.id,
      accountId: fields.accountId,
      clientOrderId: fields.clientOrderId,
      symbol: fields.symbol,
      assetType: fields.assetType,
      side: fields.side,
      qty: fields.qty,
      type: fields.type,
      limit: fields.limit,
      stop: fields.stop,
      tif: fields.tif,
      status: transition(fields.id, NEW, event),
      triggered: fields.triggered,
      filledQty: fields.filledQty,
      avgFillPrice: fields.avgFillPrice,
      rejectReason: fields.rejectReason,
      statusReason: fields.statusReason,
      expiresAt: fields.expiresAt,
      createdAt: fields.createdAt,
      updatedAt: fields.updatedAt,
      tags: fields.tags,
      parentId: fields.parentId,
      ocoGroup: fields.ocoGroup,
      limitTicks: fields.limitTicks,
      stopTicks: fields.stopTicks,
      trail: fields.trail,
    };
    this.record(order, event, order.createdAt, detail);
    return order;
  }

  /**
   * A trailing order's watermark and stop moved with a quote (ENGINE.md 11): the row is rewritten in the quote's
   * transaction without an event, because the order's terms and status did not change. Nothing else may change here.
   */
  trailOrder(order: Order, watermark: Dec | null, stop: Dec | null): Order {
    const moved: Order = { ...order, trail: { ...order.trail!, watermark, stop } };
    if (!this.orderOverlay.has(order.id)) this.trailedOnly.add(order.id);
    this.orderOverlay.set(order.id, moved);
    return moved;
  }

  /** Moves an order by one event at `time`: the status the table gives, the changed fields, and the event. */
  moveOrder(
    order: Order,
    event: OrderEventType,
    time: number,
    changes: Partial<Omit<Order, 'id' | 'status' | 'updatedAt'>>,
    detail: OrderEvent['detail'],
  ): Order {
    const moved: Order = { ...order, ...changes, status: transition(order.id, order.status, event), updatedAt: time };
    this.record(moved, event, time, detail);
    return moved;
  }

  private record(order: Order, type: OrderEventType, time: number, detail: OrderEvent['detail']) {
    this.trailedOnly.delete(order.id);
    this.orderOverlay.set(order.id, order);
    this.events.push({ orderId: order.id, type, time, detail });
  }
  addFill(fill: Fill) {
    this.fills.push(fill);
  }
  putPosition(position: Position) {
    this.positionOverlay.set(positionKey(position.accountId, position.symbol), position);
  }
  removePosition(accountId: string, symbol: string) {
    this.positionOverlay.set(positionKey(accountId, symbol), null);
  }
  putAccount(account: Account) {
    this.accountOverlay.set(account.id, account);
  }
  putQuote(quote: Quote) {
    this.quoteOverlay.set(quote.symbol, quote);
  }
  addReset(reset: Reset) {
    this.resets.push(reset);
  }
  addSnapshot(snapshot: DaySnapshot) {
    this.snapshots.push(snapshot);
  }
  setSettings(settings: Settings) {
    this.newSettings = settings;
  }
  setLastRollAt(time: number) {
    this.newLastRollAt = time;
  }

  toChange(): Change {
    const positions: Position[] = [];
    const removedPositions: { accountId: string; symbol: string }[] = [];
    for (const [key, position] of this.positionOverlay) {
      if (position) positions.push(position);
      else {
        const [accountId, symbol] = key.split('\u0000') as [string, string];
        removedPositions.push({ accountId, symbol });
      }
    }
    const trades: Trade[] = [];
    const excursions: Trade[] = [];
    for (const trade of [...this.tradeOverlay.values()].sort((a, b) => a.id - b.id)) {
      (this.journaled.has(trade.id) ? trades : excursions).push(trade);
    }
    const orders: Order[] = [];
    const trails: Order[] = [];
    for (const order of [...this.orderOverlay.values()].sort((a, b) => a.id - b.id)) {
      (this.trailedOnly.has(order.id) ? trails : orders).push(order);
    }
    return {
      orders,
      trails,
      events: this.events,
      fills: this.fills,
      positions,
      removedPositions,
      accounts: [...this.accountOverlay.values()],
      resets: this.resets,
      snapshots: this.snapshots,
      quotes: [...this.quoteOverlay.values()],
      trades,
      excursions,
      equitySamples: this.samples,
      ...(this.newSettings ? { settings: this.newSettings } : {}),
      ...(this.newLastRollAt !== undefined ? { lastRollAt: this.newLastRollAt } : {}),
    };
  }
}
