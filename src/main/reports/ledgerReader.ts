// Reads one account's history for a range of trading days out of a ledger: the cash entries in time order (the
// balance at each day's start, every fill, every reset) with the running balance, orders with their events, fills,
// positions and the account's figures at the end, day snapshots and the journal's trades. Every writer works from it.
// It only reads (a ReadOnlyLedger or the desk's own connection) and decides nothing the engine did not already record.
import { accountMetrics, positionMetrics } from '../engine/accounting';
import { fillCashFlow } from '../engine/cash';
import { Dec, ZERO, sign } from '../engine/decimal';
import type { Trade } from '../engine/journal';
import type { Account, DaySnapshot, Fill, Order, OrderEvent, Position, Reset } from '../engine/model';
import { applyFillToPosition, newPosition } from '../engine/positions';
import type { Quote } from '../engine/quotes';
import { defaultSettings, settingsFromData, type Settings, type SettingsData } from '../engine/settings';
import { EngineState } from '../engine/state';
import { rangeTimes } from '../desk/journalQuery';
import { accountFromRow, iso, ms, quoteFromRow, resetFromRow, snapshotFromRow, tradeReader, trailFromRow } from '../ledger/rows';
import type { FillsTable, OrdersTable, TradesTable } from '../ledger/schema';
import type { Compilable } from 'kysely';
import type { LedgerSource } from './source';

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

export interface StatementRequest {
  readonly accountId: string;
  /** First and last trading day, YYYY-MM-DD (ENGINE.md 8). */
  readonly from: string;
  readonly to: string;
}

export type PosEffect = 'TO OPEN' | 'TO CLOSE';

/**
 * A fill as the statement lists it. A fill that flips a position is two pieces, the closing one and the opening
 * one, each with its share of the quantity, the cash and the costs, so every row is TO OPEN or TO CLOSE.
 */
/** A fill as the statement reads it: all but the quote it met, which no report shows. */
export type StatementFill = Omit<Fill, 'quote'>;

export interface FillPiece {
  readonly fill: StatementFill;
  readonly qty: Dec;
  readonly posEffect: PosEffect;
  /** The cash the piece moved before its costs (ENGINE.md 6). */
  readonly amount: Dec;
  readonly commission: Dec;
  readonly fees: Dec;
  readonly realizedPl: Dec;
  /** Cash after the piece. */
  readonly balance: Dec;
  /** The order's type, for Trade History's Order Type. */
  readonly orderType: Order['type'];
}

export type CashEntry =
  | { readonly kind: 'BAL'; readonly time: number; readonly tradingDay: string; readonly balance: Dec }
  | { readonly kind: 'TRD'; readonly time: number; readonly piece: FillPiece; readonly balance: Dec }
  | { readonly kind: 'RESET'; readonly time: number; readonly reset: Reset; readonly amount: Dec; readonly balance: Dec };

/** An order as the statement reads it: what a report shows of it (not its client id, expiry or tags). */
export type StatementOrderRecord = Pick<
  Order,
  | 'id'
  | 'symbol'
  | 'assetType'
  | 'side'
  | 'qty'
  | 'type'
  | 'limit'
  | 'stop'
  | 'tif'
  | 'status'
  | 'filledQty'
  | 'avgFillPrice'
  | 'rejectReason'
  | 'statusReason'
  | 'createdAt'
  | 'trail'
  | 'parentId'
  | 'limitTicks'
  | 'stopTicks'
>;

const ORDER_COLUMNS = [
  'id',
  'symbol',
  'asset_type',
  'side',
  'qty',
  'order_type',
  'limit_price',
  'stop_price',
  'tif',
  'status',
  'filled_qty',
  'avg_fill_price',
  'reject_reason',
  'status_reason',
  'created_at',
  'trail_offset',
  'trail_unit',
  'trail_ref',
  'limit_offset',
  'trail_watermark',
  'trail_stop',
  'parent_id',
  'limit_ticks',
  'stop_ticks',
] as const;

/** An order event as the statement reads it: what the workbook's trail shows (not its detail). */
export type StatementEvent = Pick<OrderEvent, 'type' | 'time'>;

const FILL_COLUMNS = ['id', 'order_id', 'account_id', 'symbol', 'asset_type', 'side', 'qty', 'price', 'multiplier', 'commission', 'fees', 'realized_pl', 'time', 'reason'] as const;

const TRADE_COLUMNS = [
  'id',
  'account_id',
  'symbol',
  'asset_type',
  'multiplier',
  'direction',
  'status',
  'opened_at',
  'closed_at',
  'open_fill_id',
  'close_fill_id',
  'qty',
  'cost',
  'max_qty',
  'entry_qty',
  'exit_qty',
  'entry_notional',
  'exit_notional',
  'gross_pl',
  'commissions',
  'mfe',
  'mae',
  'tags',
  'note',
  'fills',
] as const;

/** A symbol's quantity during the replay, and the fills since it was last flat (with their signed quantity). */
interface Holding {
  qty: Dec;
  since: { readonly fill: StatementFill; readonly delta: Dec }[];
}

export interface StatementOrder {
  readonly order: StatementOrderRecord;
  readonly events: readonly StatementEvent[];
  readonly posEffect: PosEffect;
}

export interface EndPosition {
  readonly position: Position;
  readonly avgPrice: Dec;
  readonly mark: Dec;
  readonly markValue: Dec;
  readonly unrealizedPl: Dec;
  readonly plPercent: Dec | null;
  readonly requirement: Dec;
  readonly priceDecimals: number;
}

export interface StatementData {
  readonly request: StatementRequest;
  readonly account: Account;
  readonly settings: Settings;
  /** [start, end): the roll before the first day to the roll that ends the last. */
  readonly start: number;
  readonly end: number;
  readonly tradingDays: readonly string[];
  readonly openingBalance: Dec;
  readonly closingBalance: Dec;
  readonly entries: readonly CashEntry[];
  /** In time order. */
  readonly pieces: readonly FillPiece[];
  /** In the order they were placed. */
  readonly orders: readonly StatementOrder[];
  /** Open at the end of the range, by symbol. */
  readonly positions: readonly EndPosition[];
  /** Symbols traded in the range, sorted, with their gross realized P&L in it and on its last day. */
  readonly symbols: readonly { symbol: string; assetType: Position['assetType']; realized: Dec; realizedLastDay: Dec }[];
  readonly netLiq: Dec;
  readonly stockBuyingPower: Dec;
  readonly optionBuyingPower: Dec;
  readonly daySnapshots: readonly DaySnapshot[];
  /** Journal trades closed (or ended by a reset) in the range, and those still open at its end. */
  readonly trades: readonly Trade[];
}

export class StatementRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementRequestError';
  }
}

/** Checks a request's dates: real YYYY-MM-DD days, from <= to. */
export function checkRange(from: string, to: string): string | null {
  for (const [name, day] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (!DAY_TEXT.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      return `${name} must be a date YYYY-MM-DD (got ${JSON.stringify(day)})`;
    }
  }
  if (from > to) return `--from ${from} is after --to ${to}`;
  return null;
}

/** Weekdays from `from` to `to`, YYYY-MM-DD. */
export function weekdaysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function readSettings(source: LedgerSource): Settings {
  const row = source.sql.first(source.db.selectFrom('settings').select('value').where('key', '=', 'engine'));
  if (!row) return defaultSettings();
  try {
    return settingsFromData(JSON.parse(row.value) as SettingsData);
  } catch {
    // The desk shows a notice and uses the defaults for settings it cannot read; the statement does the same.
    return defaultSettings();
  }
}

function effectOf(qtyBefore: Dec, delta: Dec): PosEffect {
  return !qtyBefore.isZero() && sign(qtyBefore) !== sign(delta) ? 'TO CLOSE' : 'TO OPEN';
}

export interface ReadOptions {
  /** Read the orders placed in the range (and those of its fills); true unless told. */
  readonly orders?: boolean;
  /** Read the orders' event trails (the workbook's Orders sheet); true unless told. */
  readonly events?: boolean;
  /** Read the fills (cash entries, pieces, positions, figures at the end); true unless told (a trades CSV needs none). */
  readonly fills?: boolean;
  /** Fills read so far of those in the range, every CHUNK fills (the app's progress indication). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Fills read between two yields to the event loop. */
const CHUNK = 2_000;

/**
 * Reads everything a statement of `request` shows, yielding to the event loop every CHUNK fills so a window served
 * by the same process stays responsive. Give it a connection of its own (a ReadOnlyLedger): its fill cursor stays
 * open across the yields, and a connection with an open cursor runs nothing else.
 */
export async function readStatement(source: LedgerSource, request: StatementRequest, options: ReadOptions = {}): Promise<StatementData> {
  const { db, sql } = source;
  const rangeError = checkRange(request.from, request.to);
  if (rangeError) throw new StatementRequestError(rangeError);
  const accountRow = sql.first(db.selectFrom('accounts').selectAll().where('id', '=', request.accountId));
  if (!accountRow) throw new StatementRequestError(`no account ${JSON.stringify(request.accountId)} in this ledger`);
  const account = accountFromRow(accountRow);
  const settings = readSettings(source);
  const { from: start = 0, to: end = 0 } = rangeTimes({ kind: 'custom', from: request.from, to: request.to }, 0);
  const startIso = iso(start);
  const endIso = iso(end);
  const tradingDays = weekdaysBetween(request.from, request.to);

  // Resets (the opening included) in id order; the replay starts from the last one before the range.
  const resets = sql
    .all(db.selectFrom('resets').selectAll().where('account_id', '=', account.id).orderBy('id'))
    .map(resetFromRow);
  const before = resets.filter((r) => r.time < start);
  const base = before[before.length - 1];
  const inRange = resets.filter((r) => r.time >= start && r.time < end);

  // One Decimal per distinct text of the columns that repeat (quantities, prices, costs), shared by every row.
  const shared = sharedDecimals();
  // Orders placed in the range, and the orders of the range's fills (placed earlier, filled in it).
  const orderRows = options.orders === false ? [] : rawRows(
    source,
    db
      .selectFrom('orders')
      .select([...ORDER_COLUMNS])
      .where('account_id', '=', account.id)
      .where((eb) =>
        eb.or([
          eb.and([eb('created_at', '>=', startIso), eb('created_at', '<', endIso)]),
          eb(
            'id',
            'in',
            eb
              .selectFrom('fills')
              .select('order_id')
              .where('account_id', '=', account.id)
              .where('time', '>=', startIso)
              .where('time', '<', endIso),
          ),
        ]),
      )
      .orderBy('id'),
  );
  const orderById = new Map<number, StatementOrderRecord>();
  const readOrder = orderReader(shared);
  for (const row of orderRows) {
    const order = readOrder(row);
    orderById.set(order.id, order);
  }
  const placed = [...orderById.values()].filter((o) => o.createdAt >= start && o.createdAt < end);
  const eventsByOrder = new Map<number, StatementEvent[]>();
  if (options.events !== false && options.orders !== false) {
    // One query for the trails of every order placed in the range (an id list would take one query per 500).
    const events = db
      .selectFrom('order_events')
      .select(['order_id', 'type', 'time'])
      .where(
        'order_id',
        'in',
        db
          .selectFrom('orders')
          .select('id')
          .where('account_id', '=', account.id)
          .where('created_at', '>=', startIso)
          .where('created_at', '<', endIso),
      )
      // By order, then id: each trail in its own order, straight from the (order_id, id) index, no sort of them all.
      .orderBy('order_id')
      .orderBy('id');
    for (const [orderId, type, time] of rawIterate(source, events) as Iterable<[number, OrderEvent['type'], string]>) {
      let list = eventsByOrder.get(orderId);
      if (!list) eventsByOrder.set(orderId, (list = []));
      list.push({ type, time: ms(time) });
    }
  }

  // One pass over the account's fills from the base reset to the end of the range: cash and positions before the
  // range, then each piece, reset and day start of the range in time order.
  let cash = base ? base.startingBalance : ZERO;
  // Per symbol: the quantity held and its fills since it was last flat. Only an open position's cost is needed (at
  // the end), replayed from those fills: a month of round trips replays a handful of fills, not every one.
  let holdings = new Map<string, Holding>();
  const fillQuery = db
    .selectFrom('fills')
    .select([...FILL_COLUMNS])
    .where('account_id', '=', account.id)
    .where('id', '>', base ? base.afterFillId : 0)
    .where('time', '<', endIso)
    .orderBy('id');
  const entries: CashEntry[] = [];
  const pieces: FillPiece[] = [];
  const placementEffects = new Map<number, PosEffect>();
  const fillEffects = new Map<number, PosEffect>();
  const realizedBySymbol = new Map<string, { assetType: Position['assetType']; realized: Dec; realizedLastDay: Dec }>();
  const lastDayStart = tradingDays.length > 0 ? dayStart(tradingDays[tradingDays.length - 1]!) : end;
  const pendingDays = tradingDays.map((day) => ({ day, time: dayStart(day) }));
  const pendingResets = inRange;
  const pendingOrders = [...placed].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  let openingBalance: Dec | null = null;

  // Everything before the fill (time, fillId) that is not a fill, earliest first: day starts, resets (which come
  // after the fill they follow, afterFillId, whatever the clock says) and placements (for their Pos Effect).
  // Cursors, not shift(): shifting a 20,000-order array once per order is quadratic.
  let nextDay = 0;
  let nextReset = 0;
  let nextOrder = 0;
  // A placement at the fill's very millisecond comes before it only when the order is not newer than the filled one
  // (a MKT that fills as it is placed, then an order placed on the same tick: that one sees the position).
  const catchUp = (time: number, fillId: number, fillOrderId = Number.MAX_SAFE_INTEGER) => {
    for (;;) {
      const day = pendingDays[nextDay];
      const reset = pendingResets[nextReset];
      const order = pendingOrders[nextOrder];
      const dayAt = day && day.time <= time ? day.time : Infinity;
      const resetAt = reset && reset.afterFillId < fillId ? reset.time : Infinity;
      const orderAt = order && (order.createdAt < time || (order.createdAt === time && order.id <= fillOrderId)) ? order.createdAt : Infinity;
      const next = Math.min(dayAt, resetAt, orderAt);
      if (next === Infinity) return;
      if (next === dayAt) {
        nextDay += 1;
        openingBalance ??= cash;
        entries.push({ kind: 'BAL', time: day!.time, tradingDay: day!.day, balance: cash });
      } else if (next === resetAt) {
        nextReset += 1;
        openingBalance ??= cash;
        const amount = reset!.startingBalance.minus(cash);
        cash = reset!.startingBalance;
        holdings = new Map();
        entries.push({ kind: 'RESET', time: reset!.time, reset: reset!, amount, balance: cash });
      } else {
        nextOrder += 1;
        const held = holdings.get(order!.symbol)?.qty ?? ZERO;
        placementEffects.set(order!.id, effectOf(held, order!.side === 'BUY' ? order!.qty : order!.qty.negated()));
      }
    }
  };

  const readFill = fillReader(shared);
  const total = options.onProgress
    ? Number(
        sql.first(
          db
            .selectFrom('fills')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('account_id', '=', account.id)
            .where('time', '>=', startIso)
            .where('time', '<', endIso),
        )?.n ?? 0,
      )
    : 0;
  let read = 0;
  for (const row of options.fills === false ? [] : rawIterate(source, fillQuery)) {
    const fill = readFill(row);
    if (++read % CHUNK === 0) {
      options.onProgress?.(pieces.length, total);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const inside = fill.time >= start;
    if (inside) catchUp(fill.time, fill.id, fill.orderId);
    const delta = fill.side === 'BUY' ? fill.qty : fill.qty.negated();
    let holding = holdings.get(fill.symbol);
    if (!holding) holdings.set(fill.symbol, (holding = { qty: ZERO, since: [] }));
    const heldQty = holding.qty;
    holding.qty = heldQty.plus(delta);
    if (holding.qty.isZero()) holding.since = [];
    else holding.since.push({ fill, delta });
    if (!inside) {
      cash = cash.plus(fillCashFlow(fill.assetType, delta, fill.price, fill.multiplier, fill.realizedPl)).minus(fill.commission).minus(fill.fees);
      continue;
    }
    openingBalance ??= cash;
    const orderType = orderById.get(fill.orderId)?.type ?? 'MKT';
    const flips = !heldQty.isZero() && sign(heldQty) !== sign(delta) && fill.qty.greaterThan(heldQty.abs());
    const parts: { qty: Dec; posEffect: PosEffect; realized: Dec }[] = flips
      ? [
          { qty: heldQty.abs(), posEffect: 'TO CLOSE', realized: fill.realizedPl },
          { qty: fill.qty.minus(heldQty.abs()), posEffect: 'TO OPEN', realized: ZERO },
        ]
      : [{ qty: fill.qty, posEffect: effectOf(heldQty, delta), realized: fill.realizedPl }];
    let commissionLeft = fill.commission;
    let feesLeft = fill.fees;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      // Shares of the costs by quantity; the last piece takes the remainder, so the pieces add up exactly.
      const commission = last ? commissionLeft : fill.commission.times(part.qty).div(fill.qty);
      const fees = last ? feesLeft : fill.fees.times(part.qty).div(fill.qty);
      if (!last) {
        commissionLeft = commissionLeft.minus(commission);
        feesLeft = feesLeft.minus(fees);
      }
      // A fill of one piece moves its own quantity (Decimal arithmetic only where a flip splits it).
      const partDelta = parts.length === 1 ? delta : fill.side === 'BUY' ? part.qty : part.qty.negated();
      const amount = fillCashFlow(fill.assetType, partDelta, fill.price, fill.multiplier, part.realized);
      cash = cash.plus(amount).minus(commission).minus(fees);
      const piece: FillPiece = {
        fill,
        qty: part.qty,
        posEffect: part.posEffect,
        amount,
        commission,
        fees,
        realizedPl: part.realized,
        balance: cash,
        orderType,
      };
      pieces.push(piece);
      entries.push({ kind: 'TRD', time: fill.time, piece, balance: cash });
    });
    if (!fillEffects.has(fill.orderId)) fillEffects.set(fill.orderId, parts[0]!.posEffect);
    const symbolTotals = realizedBySymbol.get(fill.symbol) ?? { assetType: fill.assetType, realized: ZERO, realizedLastDay: ZERO };
    // An opening fill realizes nothing: half the fills add no Decimal here.
    if (!fill.realizedPl.isZero()) {
      symbolTotals.realized = symbolTotals.realized.plus(fill.realizedPl);
      if (fill.time >= lastDayStart) symbolTotals.realizedLastDay = symbolTotals.realizedLastDay.plus(fill.realizedPl);
    }
    realizedBySymbol.set(fill.symbol, symbolTotals);
  }
  catchUp(Infinity, Number.MAX_SAFE_INTEGER);
  openingBalance ??= cash;
  options.onProgress?.(total, total);

  // The orders' Pos Effect: what their first fill did, else what they would have done when placed.
  const placedById = new Map(placed.map((order) => [order.id, order]));
  const orders: StatementOrder[] = placed.map((order) => {
    // A child whose qty was left to default shows its parent's until it activates (ENGINE.md 12); children close.
    const parent = order.parentId === null ? undefined : placedById.get(order.parentId);
    const shown = order.qty.isZero() && parent ? { ...order, qty: parent.qty } : order;
    return {
      order: shown,
      events: eventsByOrder.get(order.id) ?? [],
      posEffect: fillEffects.get(order.id) ?? (order.parentId !== null ? 'TO CLOSE' : undefined) ?? placementEffects.get(order.id) ?? 'TO OPEN',
    };
  });

  // The account's figures at the end: its cash and open positions, marked at the last quotes the ledger keeps.
  const quotes = sql.all(db.selectFrom('quotes').selectAll()).map(quoteFromRow);
  const open = [...holdings.values()]
    .filter((h) => !h.qty.isZero())
    .map(({ since }) => {
      // The engine's own arithmetic from flat: the same cost and quantity as a replay of every fill.
      const first = since[0]!.fill;
      let position = newPosition(account.id, first.symbol, first.assetType, first.multiplier, first.time);
      for (const { fill, delta } of since) position = applyFillToPosition(position, delta, fill.price, fill.time).position;
      return position;
    })
    .sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  const endAccount: Account = { ...account, cash };
  const view = endState(settings, endAccount, open, quotes);
  const metrics = accountMetrics(view, endAccount);
  const endPositions: EndPosition[] = open.map((position) => {
    const m = positionMetrics(view, position, account.margin);
    return {
      position,
      avgPrice: m.avgPrice,
      mark: m.mark,
      markValue: position.assetType === 'FUT' ? m.unrealizedPl : m.marketValue,
      unrealizedPl: m.unrealizedPl,
      plPercent: m.plPercent,
      requirement: m.requirement,
      priceDecimals: priceDecimalsOf(settings, position.symbol, position.assetType),
    };
  });
  for (const position of open) {
    if (!realizedBySymbol.has(position.symbol)) {
      realizedBySymbol.set(position.symbol, { assetType: position.assetType, realized: ZERO, realizedLastDay: ZERO });
    }
  }

  const daySnapshots = sql
    .all(
      db
        .selectFrom('day_snapshots')
        .selectAll()
        .where('account_id', '=', account.id)
        .where('roll_at', '>', startIso)
        .where('roll_at', '<=', endIso)
        .orderBy('roll_at'),
    )
    .map(snapshotFromRow);
  const readTrade = tradeReader();
  const trades = rawRows(
    source,
    db
      .selectFrom('trades')
      .select([...TRADE_COLUMNS])
      .where('account_id', '=', account.id)
      .where('opened_at', '<', endIso)
      .where((eb) => eb.or([eb('closed_at', 'is', null), eb.and([eb('closed_at', '>=', startIso), eb('closed_at', '<', endIso)]), eb('closed_at', '>=', endIso)]))
      .orderBy('opened_at')
      .orderBy('open_fill_id')
      .orderBy('id'),
  )
    .map((row) => readTrade(tradeRow(row)))
    .map((trade) => (trade.closedAt !== null && trade.closedAt >= end ? { ...trade, status: 'OPEN' as const, closedAt: null } : trade));

  return {
    request,
    account,
    settings,
    start,
    end,
    tradingDays,
    openingBalance,
    closingBalance: cash,
    entries,
    pieces,
    orders,
    positions: endPositions,
    symbols: [...realizedBySymbol.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([symbol, totals]) => ({ symbol, ...totals })),
    netLiq: metrics.netLiq,
    stockBuyingPower: metrics.buyingPower,
    optionBuyingPower: metrics.optionBuyingPower,
    daySnapshots,
    trades,
  };
}

/**
 * Decimals by their text, shared (a Decimal is immutable), as the ledger's trade reader does: 20,000 fills and orders
 * hold a few hundred distinct quantities, prices and costs, so each is parsed once and kept once.
 */
function sharedDecimals(): (text: string) => Dec {
  const known = new Map<string, Dec>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      value = new Dec(text);
      if (known.size < 50_000) known.set(text, value);
    }
    return value;
  };
}

/**
 * A kysely query's rows as arrays, in its select list's order. better-sqlite3 builds a row object in native code a
 * property at a time, about three times an array's cost: a month's 20,000 orders took 195 ms as objects, 60 as arrays.
 */
function rawRows(source: LedgerSource, query: Compilable<unknown>): unknown[][] {
  const { sql, parameters } = query.compile();
  return source.sql.sqlite.prepare(sql).raw().all(...parameters) as unknown[][];
}

/** rawRows as a cursor, for rows that need not all sit in memory at once. */
function rawIterate(source: LedgerSource, query: Compilable<unknown>): IterableIterator<unknown[]> {
  const { sql, parameters } = query.compile();
  return source.sql.sqlite.prepare(sql).raw().iterate(...parameters) as IterableIterator<unknown[]>;
}

/** Reads a raw row's column by name, typed as the table declares it, from the select list it was read with. */
function columnReader<T, C extends keyof T & string>(columns: readonly C[]): <K extends C>(row: unknown[], column: K) => T[K] {
  const index = Object.fromEntries(columns.map((column, i) => [column, i])) as Record<C, number>;
  return (row, column) => row[index[column]] as T[typeof column];
}

const orderColumn = columnReader<OrdersTable, (typeof ORDER_COLUMNS)[number]>(ORDER_COLUMNS);
const fillColumn = columnReader<FillsTable, (typeof FILL_COLUMNS)[number]>(FILL_COLUMNS);
const tradeColumn = columnReader<TradesTable, (typeof TRADE_COLUMNS)[number]>(TRADE_COLUMNS);

/** A trade row as the ledger's trade reader takes it. */
function tradeRow(r: unknown[]): TradesTable {
  return {
    id: tradeColumn(r, 'id'),
    account_id: tradeColumn(r, 'account_id'),
    symbol: tradeColumn(r, 'symbol'),
    asset_type: tradeColumn(r, 'asset_type'),
    multiplier: tradeColumn(r, 'multiplier'),
    direction: tradeColumn(r, 'direction'),
    status: tradeColumn(r, 'status'),
    opened_at: tradeColumn(r, 'opened_at'),
    closed_at: tradeColumn(r, 'closed_at'),
    open_fill_id: tradeColumn(r, 'open_fill_id'),
    close_fill_id: tradeColumn(r, 'close_fill_id'),
    qty: tradeColumn(r, 'qty'),
    cost: tradeColumn(r, 'cost'),
    max_qty: tradeColumn(r, 'max_qty'),
    entry_qty: tradeColumn(r, 'entry_qty'),
    exit_qty: tradeColumn(r, 'exit_qty'),
    entry_notional: tradeColumn(r, 'entry_notional'),
    exit_notional: tradeColumn(r, 'exit_notional'),
    gross_pl: tradeColumn(r, 'gross_pl'),
    commissions: tradeColumn(r, 'commissions'),
    mfe: tradeColumn(r, 'mfe'),
    mae: tradeColumn(r, 'mae'),
    tags: tradeColumn(r, 'tags'),
    note: tradeColumn(r, 'note'),
    fills: tradeColumn(r, 'fills'),
  };
}

/** Order rows as the statement reads them, with shared decimals (only the columns a report shows: half the time). */
function orderReader(dec: (text: string) => Dec): (r: unknown[]) => StatementOrderRecord {
  const decOrNull = (text: string | null) => (text === null ? null : dec(text));
  return (r) => {
    const trailOffset = orderColumn(r, 'trail_offset');
    const limitTicks = orderColumn(r, 'limit_ticks');
    const stopTicks = orderColumn(r, 'stop_ticks');
    return {
      id: orderColumn(r, 'id'),
      symbol: orderColumn(r, 'symbol'),
      assetType: orderColumn(r, 'asset_type') as Order['assetType'],
      side: orderColumn(r, 'side') as Order['side'],
      type: orderColumn(r, 'order_type') as Order['type'],
      tif: orderColumn(r, 'tif') as Order['tif'],
      status: orderColumn(r, 'status') as Order['status'],
      rejectReason: orderColumn(r, 'reject_reason'),
      statusReason: orderColumn(r, 'status_reason'),
      createdAt: ms(orderColumn(r, 'created_at')),
      qty: dec(orderColumn(r, 'qty')),
      limit: decOrNull(orderColumn(r, 'limit_price')),
      stop: decOrNull(orderColumn(r, 'stop_price')),
      filledQty: dec(orderColumn(r, 'filled_qty')),
      avgFillPrice: decOrNull(orderColumn(r, 'avg_fill_price')),
      // Most orders do not trail: the trail's columns are read only for one that does.
      trail:
        trailOffset === null
          ? null
          : trailFromRow(
              {
                trail_offset: trailOffset,
                trail_unit: orderColumn(r, 'trail_unit'),
                trail_ref: orderColumn(r, 'trail_ref'),
                limit_offset: orderColumn(r, 'limit_offset'),
                trail_watermark: orderColumn(r, 'trail_watermark'),
                trail_stop: orderColumn(r, 'trail_stop'),
              },
              dec,
            ),
      parentId: orderColumn(r, 'parent_id') ?? null,
      limitTicks: limitTicks ? dec(limitTicks) : null,
      stopTicks: stopTicks ? dec(stopTicks) : null,
    };
  };
}

/** Fill rows without their quote (no report shows it), with shared decimals. */
function fillReader(dec: (text: string) => Dec): (r: unknown[]) => StatementFill {
  return (r) => ({
    id: fillColumn(r, 'id'),
    orderId: fillColumn(r, 'order_id'),
    accountId: fillColumn(r, 'account_id'),
    symbol: fillColumn(r, 'symbol'),
    assetType: fillColumn(r, 'asset_type') as Fill['assetType'],
    side: fillColumn(r, 'side') as Fill['side'],
    qty: dec(fillColumn(r, 'qty')),
    price: dec(fillColumn(r, 'price')),
    multiplier: dec(fillColumn(r, 'multiplier')),
    commission: dec(fillColumn(r, 'commission')),
    fees: dec(fillColumn(r, 'fees')),
    realizedPl: dec(fillColumn(r, 'realized_pl')),
    time: ms(fillColumn(r, 'time')),
    reason: fillColumn(r, 'reason'),
  });
}

/** The start of trading day `day`: the roll that ends the weekday before it. */
export function dayStart(day: string): number {
  return rangeTimes({ kind: 'custom', from: day, to: day }, 0).from ?? 0;
}

function endState(settings: Settings, account: Account, positions: Position[], quotes: Quote[]): EngineState {
  return new EngineState({
    settings,
    accounts: [account],
    positions,
    workingOrders: [],
    quotes,
    lastRollAt: 0,
    lastOrderId: 0,
    lastFillId: 0,
    history: { orderById: () => undefined, orderByClientId: () => undefined },
  });
}

function priceDecimalsOf(settings: Settings, symbol: string, assetType: Position['assetType']): number {
  if (assetType !== 'FUT') return 2;
  const root = symbol.slice(1).replace(/[FGHJKMNQUVXZ]\d{1,2}$/, '') || symbol.slice(1);
  const tick = settings.contracts[root]?.tick;
  return tick ? Math.max(2, tick.decimalPlaces()) : 2;
}
