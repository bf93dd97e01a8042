// The engine's in-memory state: what a trading decision reads (accounts, positions, working orders, quotes,
// settings, the day) and the indexes that keep the tick path proportional to one symbol's orders.
// It changes only through apply(change), after the ledger has committed that change.
import { workingOrdersRequirement } from './accounting';
import type { Change } from './change';
import { ZERO, type Dec } from './decimal';
import type { Trade } from './journal';
import type { Account, EquitySample, Order, Position } from './model';
import { positionKey } from './model';
import type { Quote } from './quotes';
import type { Settings } from './settings';
import { nextRollAfter } from './tradingDay';
import type { EngineView, OrderHistory } from './view';

export interface EngineStateInit {
  settings: Settings;
  accounts: Iterable<Account>;
  positions: Iterable<Position>;
  workingOrders: Iterable<Order>;
  quotes: Iterable<Quote>;
  lastRollAt: number;
  lastOrderId: number;
  lastFillId: number;
  history: OrderHistory;
  /** The journal's open trades and the last trade id (JOURNAL.md 1); the last equity sample of each account. */
  openTrades?: Iterable<Trade>;
  lastTradeId?: number;
  lastSamples?: Iterable<EquitySample>;
}

export class EngineState implements EngineView {
  settings: Settings;
  lastRollAt: number;
  /** The next 17:00 roll after lastRollAt. */
  nextRollAt: number;
  lastOrderId: number;
  lastFillId: number;
  lastTradeId: number;
  readonly history: OrderHistory;
  /** Open trades by account and symbol, and by symbol alone: the tick path measures only its symbol's trades. */
  private readonly openTradeMap = new Map<string, Trade>();
  private readonly openTradesBySymbol = new Map<string, Map<number, Trade>>();
  private readonly lastSampleMap = new Map<string, EquitySample>();
  private readonly accountMap = new Map<string, Account>();
  private readonly positionMap = new Map<string, Position>();
  private readonly positionsByAccount = new Map<string, Map<string, Position>>();
  private readonly working = new Map<number, Order>();
  private readonly workingBySymbol = new Map<string, Map<number, Order>>();
  private readonly workingByAccount = new Map<string, Map<number, Order>>();
  /** HELD children (ENGINE.md 12) by id and by account: never on the tick path, which reads only working orders. */
  private readonly held = new Map<number, Order>();
  private readonly heldByAccount = new Map<string, Map<number, Order>>();
  private readonly quoteMap = new Map<string, Quote>();
  /** Working-order requirements per account and symbol; a group is dropped when its orders or position change. */
  private readonly requirementCache = new Map<string, Map<string, Dec>>();
  /** No working order expires before this moment; may be early (then a scan finds nothing and raises it). */
  private expiryHint = Number.POSITIVE_INFINITY;

  constructor(init: EngineStateInit) {
    this.settings = init.settings;
    this.lastRollAt = init.lastRollAt;
    this.nextRollAt = nextRollAfter(init.lastRollAt);
    this.lastOrderId = init.lastOrderId;
    this.lastFillId = init.lastFillId;
    this.history = init.history;
    this.lastTradeId = init.lastTradeId ?? 0;
    for (const trade of init.openTrades ?? []) this.putTrade(trade);
    for (const sample of init.lastSamples ?? []) this.lastSampleMap.set(sample.accountId, sample);
    for (const account of [...init.accounts].sort((a, b) => a.ordinal - b.ordinal)) this.accountMap.set(account.id, account);
    for (const position of init.positions) this.putPosition(position);
    for (const order of [...init.workingOrders].sort((a, b) => a.id - b.id)) {
      if (order.status === 'HELD') this.putHeld(order);
      else this.putOrder(order);
    }
    for (const quote of init.quotes) this.quoteMap.set(quote.symbol, quote);
  }

  account(id: string) {
    return this.accountMap.get(id);
  }
  accounts() {
    return this.accountMap.values();
  }
  position(accountId: string, symbol: string) {
    return this.positionMap.get(positionKey(accountId, symbol));
  }
  positionsOf(accountId: string): Iterable<Position> {
    return this.positionsByAccount.get(accountId)?.values() ?? [];
  }
  allPositions() {
    return this.positionMap.values();
  }
  workingOrdersOf(accountId: string): Iterable<Order> {
    return this.workingByAccount.get(accountId)?.values() ?? [];
  }
  workingOrdersOfSymbol(symbol: string): Iterable<Order> {
    return this.workingBySymbol.get(symbol)?.values() ?? [];
  }
  workingOrder(id: number) {
    return this.working.get(id);
  }
  allHeldOrders() {
    return this.held.values();
  }
  heldOrdersOf(accountId: string): Iterable<Order> {
    return this.heldByAccount.get(accountId)?.values() ?? [];
  }
  heldOrder(id: number) {
    return this.held.get(id);
  }
  /** A WORKING or HELD order: the ones a command may still change. */
  liveOrder(id: number) {
    return this.working.get(id) ?? this.held.get(id);
  }
  allWorkingOrders() {
    return this.working.values();
  }
  workingCount() {
    return this.working.size;
  }
  quote(symbol: string) {
    return this.quoteMap.get(symbol);
  }
  allQuotes() {
    return this.quoteMap.values();
  }
  workingOrdersRequirement(account: Account): Dec {
    let groups = this.requirementCache.get(account.id);
    if (!groups) {
      groups = new Map();
      this.requirementCache.set(account.id, groups);
    }
    let total = ZERO;
    const bySymbol = new Map<string, Order[]>();
    for (const order of this.workingOrdersOf(account.id)) {
      if (groups.has(order.symbol)) continue;
      const list = bySymbol.get(order.symbol);
      if (list) list.push(order);
      else bySymbol.set(order.symbol, [order]);
    }
    for (const [symbol, orders] of bySymbol) groups.set(symbol, workingOrdersRequirement(this, account, orders));
    for (const value of groups.values()) total = total.plus(value);
    return total;
  }
  orderById(id: number): Order | undefined {
    return this.working.get(id) ?? this.held.get(id) ?? this.history.orderById(id);
  }
  /** The open trade of an account in a symbol. */
  openTrade(accountId: string, symbol: string): Trade | undefined {
    return this.openTradeMap.get(positionKey(accountId, symbol));
  }
  openTradesOfSymbol(symbol: string): Iterable<Trade> | undefined {
    return this.openTradesBySymbol.get(symbol)?.values();
  }
  allOpenTrades(): Iterable<Trade> {
    return this.openTradeMap.values();
  }
  lastSample(accountId: string): EquitySample | undefined {
    return this.lastSampleMap.get(accountId);
  }

  /** The earliest moment a working DAY order can expire (a lower bound). */
  nextExpiryAtLeast(): number {
    return this.expiryHint;
  }

  /** Working and HELD orders that expire at or before `now`; raises the hint when none are due. */
  dueExpiries(now: number): Order[] {
    if (this.expiryHint > now) return [];
    const due: Order[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const order of [...this.working.values(), ...this.held.values()]) {
      if (order.expiresAt === null) continue;
      if (order.expiresAt <= now) due.push(order);
      else next = Math.min(next, order.expiresAt);
    }
    if (due.length === 0) this.expiryHint = next;
    return due;
  }

  apply(change: Change): void {
    if (change.settings) {
      this.settings = change.settings;
      this.requirementCache.clear();
    }
    for (const order of change.orders) this.requirementCache.get(order.accountId)?.delete(order.symbol);
    // A trailing order's requirement is priced at its stop (ENGINE.md 11): a moved stop moves it.
    for (const order of change.trails) {
      this.requirementCache.get(order.accountId)?.delete(order.symbol);
      this.putOrder(order);
    }
    for (const position of change.positions) this.requirementCache.get(position.accountId)?.delete(position.symbol);
    for (const key of change.removedPositions) this.requirementCache.get(key.accountId)?.delete(key.symbol);
    for (const account of change.accounts) {
      if (this.accountMap.get(account.id)?.margin !== account.margin) this.requirementCache.delete(account.id);
    }
    for (const account of change.accounts) this.accountMap.set(account.id, account);
    for (const quote of change.quotes) this.quoteMap.set(quote.symbol, quote);
    for (const order of change.orders) {
      if (order.status === 'WORKING') {
        this.dropHeld(order.id);
        this.putOrder(order);
      } else if (order.status === 'HELD') this.putHeld(order);
      else {
        this.dropOrder(order.id);
        this.dropHeld(order.id);
      }
      this.lastOrderId = Math.max(this.lastOrderId, order.id);
    }
    for (const key of change.removedPositions) this.dropPosition(key.accountId, key.symbol);
    for (const position of change.positions) this.putPosition(position);
    for (const fill of change.fills) this.lastFillId = Math.max(this.lastFillId, fill.id);
    for (const trade of change.excursions) this.putTrade(trade);
    for (const trade of change.trades) {
      if (trade.status === 'OPEN') this.putTrade(trade);
      else this.dropTrade(trade);
      this.lastTradeId = Math.max(this.lastTradeId, trade.id);
    }
    for (const sample of change.equitySamples) this.lastSampleMap.set(sample.accountId, sample);
    if (change.lastRollAt !== undefined) {
      this.lastRollAt = change.lastRollAt;
      this.nextRollAt = nextRollAfter(change.lastRollAt);
    }
  }

  private putTrade(trade: Trade) {
    this.openTradeMap.set(positionKey(trade.accountId, trade.symbol), trade);
    indexInto(this.openTradesBySymbol, trade.symbol, trade.id, trade);
  }

  /** Only the trade itself: a closed trade's place may already hold the next trade of the symbol. */
  private dropTrade(trade: Trade) {
    const key = positionKey(trade.accountId, trade.symbol);
    if (this.openTradeMap.get(key)?.id === trade.id) this.openTradeMap.delete(key);
    removeFrom(this.openTradesBySymbol, trade.symbol, trade.id);
  }

  private putOrder(order: Order) {
    // By id, so a child activated after later orders keeps its place (oldest first), as a restart would load it.
    inIdOrder(this.working, order.id, order);
    indexInto(this.workingBySymbol, order.symbol, order.id, order, true);
    indexInto(this.workingByAccount, order.accountId, order.id, order, true);
    if (order.expiresAt !== null) this.expiryHint = Math.min(this.expiryHint, order.expiresAt);
  }

  private putHeld(order: Order) {
    this.held.set(order.id, order);
    indexInto(this.heldByAccount, order.accountId, order.id, order);
    if (order.expiresAt !== null) this.expiryHint = Math.min(this.expiryHint, order.expiresAt);
  }

  private dropHeld(id: number) {
    const order = this.held.get(id);
    if (!order) return;
    this.held.delete(id);
    removeFrom(this.heldByAccount, order.accountId, id);
  }

  private dropOrder(id: number) {
    const order = this.working.get(id);
    if (!order) return;
    this.working.delete(id);
    removeFrom(this.workingBySymbol, order.symbol, id);
    removeFrom(this.workingByAccount, order.accountId, id);
  }

  private putPosition(position: Position) {
    this.positionMap.set(positionKey(position.accountId, position.symbol), position);
    indexInto(this.positionsByAccount, position.accountId, position.symbol, position);
  }

  private dropPosition(accountId: string, symbol: string) {
    this.positionMap.delete(positionKey(accountId, symbol));
    removeFrom(this.positionsByAccount, accountId, symbol);
  }
}

function indexInto<K, V>(index: Map<string, Map<K, V>>, group: string, key: K, value: V, byId = false) {
  let bucket = index.get(group);
  if (!bucket) {
    bucket = new Map();
    index.set(group, bucket);
  }
  // Map.set on an existing key keeps its place: an edited order keeps its time priority.
  if (byId) inIdOrder(bucket as unknown as Map<number, V>, key as unknown as number, value);
  else bucket.set(key, value);
}

/** The largest id each bucket holds: a new order (the largest id) is appended; only an older one re-sorts. */
const largestId = new WeakMap<Map<number, unknown>, number>();

/** Sets an order in a map kept in id order: an activated HELD child (ENGINE.md 12) is older than later orders. */
function inIdOrder<V>(bucket: Map<number, V>, id: number, value: V) {
  if (bucket.has(id)) {
    bucket.set(id, value);
    return;
  }
  const largest = largestId.get(bucket) ?? Number.NEGATIVE_INFINITY;
  bucket.set(id, value);
  if (id > largest) {
    largestId.set(bucket, id);
    return;
  }
  // Rare (an activation): rebuild the bucket in id order.
  const entries = [...bucket.entries()].sort((a, b) => a[0] - b[0]);
  bucket.clear();
  for (const [key, v] of entries) bucket.set(key, v);
}

function removeFrom<K, V>(index: Map<string, Map<K, V>>, group: string, key: K) {
  const bucket = index.get(group);
  if (!bucket) return;
  bucket.delete(key);
  if (bucket.size === 0) index.delete(group);
}
