// Conversions between the engine's records and the ledger's rows: decimals to TEXT, epoch ms to ISO text.
import { Dec } from '../engine/decimal';
import type { Trade } from '../engine/journal';
import type { Account, DaySnapshot, EquitySample, Fill, Order, OrderEvent, Position, Reset, Trail } from '../engine/model';
import { mergeQuote, QUOTE_NUMBER_FIELDS, quoteUpdate, type Quote } from '../engine/quotes';
import type { AssetType } from '../engine/settings';
import type {
  AccountsTable,
  DaySnapshotsTable,
  EquitySamplesTable,
  FillsTable,
  OrderEventsTable,
  OrdersTable,
  PositionsTable,
  QuotesTable,
  ResetsTable,
  TradesTable,
} from './schema';

export const iso = (ms: number) => new Date(ms).toISOString();
export const ms = (text: string) => Date.parse(text);
const dec = (text: string) => new Dec(text);
const decOrNull = (text: string | null) => (text === null ? null : new Dec(text));
const text = (d: Dec) => d.toFixed();
const textOrNull = (d: Dec | null) => (d === null ? null : d.toFixed());

export function accountRow(a: Account): AccountsTable {
  return {
    id: a.id,
    broker: a.broker,
    margin: a.margin,
    starting_balance: text(a.startingBalance),
    cash: text(a.cash),
    created_at: iso(a.createdAt),
    ordinal: a.ordinal,
  };
}

export function accountFromRow(r: AccountsTable): Account {
  return {
    id: r.id,
    broker: r.broker as Account['broker'],
    margin: r.margin as Account['margin'],
    startingBalance: dec(r.starting_balance),
    cash: dec(r.cash),
    createdAt: ms(r.created_at),
    ordinal: r.ordinal,
  };
}

export function orderRow(o: Order): OrdersTable {
  return {
    id: o.id,
    account_id: o.accountId,
    client_order_id: o.clientOrderId,
    symbol: o.symbol,
    asset_type: o.assetType,
    side: o.side,
    qty: text(o.qty),
    order_type: o.type,
    limit_price: textOrNull(o.limit),
    stop_price: textOrNull(o.stop),
    tif: o.tif,
    status: o.status,
    triggered: o.triggered ? 1 : 0,
    filled_qty: text(o.filledQty),
    avg_fill_price: textOrNull(o.avgFillPrice),
    reject_reason: o.rejectReason,
    status_reason: o.statusReason,
    expires_at: o.expiresAt === null ? null : iso(o.expiresAt),
    created_at: iso(o.createdAt),
    updated_at: iso(o.updatedAt),
    tags: JSON.stringify(o.tags),
    parent_id: o.parentId,
    oco_group: o.ocoGroup,
    limit_ticks: textOrNull(o.limitTicks),
    stop_ticks: textOrNull(o.stopTicks),
    trail_offset: o.trail ? text(o.trail.offset) : null,
    trail_unit: o.trail?.unit ?? null,
    trail_ref: o.trail?.ref ?? null,
    limit_offset: o.trail ? text(o.trail.limitOffset) : null,
    trail_watermark: o.trail ? textOrNull(o.trail.watermark) : null,
    trail_stop: o.trail ? textOrNull(o.trail.stop) : null,
  };
}

export function orderFromRow(r: OrdersTable): Order {
  return {
    id: r.id,
    accountId: r.account_id,
    clientOrderId: r.client_order_id,
    symbol: r.symbol,
    assetType: r.asset_type as AssetType,
    side: r.side as Order['side'],
    qty: dec(r.qty),
    type: r.order_type as Order['type'],
    limit: decOrNull(r.limit_price),
    stop: decOrNull(r.stop_price),
    tif: r.tif as Order['tif'],
    status: r.status as Order['status'],
    triggered: r.triggered === 1,
    filledQty: dec(r.filled_qty),
    avgFillPrice: decOrNull(r.avg_fill_price),
    rejectReason: r.reject_reason,
    statusReason: r.status_reason,
    expiresAt: r.expires_at === null ? null : ms(r.expires_at),
    createdAt: ms(r.created_at),
    updatedAt: ms(r.updated_at),
    tags: JSON.parse(r.tags) as string[],
    parentId: r.parent_id ?? null,
    ocoGroup: r.oco_group ?? null,
    limitTicks: decOrNull(r.limit_ticks ?? null),
    stopTicks: decOrNull(r.stop_ticks ?? null),
    trail: trailFromRow(r),
  };
}

type TrailColumns = 'trail_offset' | 'trail_unit' | 'trail_ref' | 'limit_offset' | 'trail_watermark' | 'trail_stop';

/** A trailing order's terms and state from its row (null for other types); `toDec` may share repeated decimals. */
export function trailFromRow(r: Pick<OrdersTable, TrailColumns>, toDec: (text: string) => Dec = dec): Trail | null {
  if (r.trail_offset === null || r.trail_offset === undefined) return null;
  return {
    offset: toDec(r.trail_offset),
    unit: r.trail_unit as Trail['unit'],
    ref: r.trail_ref as Trail['ref'],
    limitOffset: toDec(r.limit_offset ?? '0'),
    watermark: r.trail_watermark ? toDec(r.trail_watermark) : null,
    stop: r.trail_stop ? toDec(r.trail_stop) : null,
  };
}

export function eventRow(e: OrderEvent): OrderEventsTable {
  return { id: null, order_id: e.orderId, type: e.type, time: iso(e.time), detail: e.detail ? JSON.stringify(e.detail) : null };
}

export function eventFromRow(r: Pick<OrderEventsTable, 'order_id' | 'type' | 'time' | 'detail'>): OrderEvent {
  return {
    orderId: r.order_id,
    type: r.type as OrderEvent['type'],
    time: ms(r.time),
    detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
  };
}

export function fillRow(f: Fill): FillsTable {
  return {
    id: f.id,
    order_id: f.orderId,
    account_id: f.accountId,
    symbol: f.symbol,
    asset_type: f.assetType,
    side: f.side,
    qty: text(f.qty),
    price: text(f.price),
    multiplier: text(f.multiplier),
    commission: text(f.commission),
    fees: text(f.fees),
    realized_pl: text(f.realizedPl),
    time: iso(f.time),
    quote: JSON.stringify(f.quote),
    reason: f.reason,
  };
}

export function fillFromRow(r: FillsTable): Fill {
  return {
    id: r.id,
    orderId: r.order_id,
    accountId: r.account_id,
    symbol: r.symbol,
    assetType: r.asset_type as AssetType,
    side: r.side as Fill['side'],
    qty: dec(r.qty),
    price: dec(r.price),
    multiplier: dec(r.multiplier),
    commission: dec(r.commission),
    fees: dec(r.fees),
    realizedPl: dec(r.realized_pl),
    time: ms(r.time),
    quote: JSON.parse(r.quote) as Fill['quote'],
    reason: r.reason,
  };
}

export function positionRow(p: Position): PositionsTable {
  return {
    account_id: p.accountId,
    symbol: p.symbol,
    asset_type: p.assetType,
    multiplier: text(p.multiplier),
    qty: text(p.qty),
    cost: text(p.cost),
    realized_pl_day: text(p.realizedPlDay),
    unrealized_at_roll: text(p.unrealizedAtRoll),
    opened_at: iso(p.openedAt),
    updated_at: iso(p.updatedAt),
  };
}

export function positionFromRow(r: PositionsTable): Position {
  return {
    accountId: r.account_id,
    symbol: r.symbol,
    assetType: r.asset_type as AssetType,
    multiplier: dec(r.multiplier),
    qty: dec(r.qty),
    cost: dec(r.cost),
    realizedPlDay: dec(r.realized_pl_day),
    unrealizedAtRoll: dec(r.unrealized_at_roll),
    openedAt: ms(r.opened_at),
    updatedAt: ms(r.updated_at),
  };
}

export function resetRow(r: Reset): ResetsTable {
  return {
    id: null,
    account_id: r.accountId,
    kind: r.kind,
    time: iso(r.time),
    starting_balance: text(r.startingBalance),
    cash_before: text(r.cashBefore),
    after_fill_id: r.afterFillId,
  };
}

export function resetFromRow(r: ResetsTable): Reset {
  return {
    accountId: r.account_id,
    kind: r.kind as Reset['kind'],
    time: ms(r.time),
    startingBalance: dec(r.starting_balance),
    cashBefore: dec(r.cash_before),
    afterFillId: r.after_fill_id,
  };
}

export function snapshotRow(s: DaySnapshot): DaySnapshotsTable {
  return {
    id: null,
    account_id: s.accountId,
    roll_at: iso(s.rollAt),
    cash: text(s.cash),
    net_liq: text(s.netLiq),
    unrealized_pl: text(s.unrealizedPl),
    realized_pl_day: text(s.realizedPlDay),
  };
}

export function snapshotFromRow(r: DaySnapshotsTable): DaySnapshot {
  return {
    accountId: r.account_id,
    rollAt: ms(r.roll_at),
    cash: dec(r.cash),
    netLiq: dec(r.net_liq),
    unrealizedPl: dec(r.unrealized_pl),
    realizedPlDay: dec(r.realized_pl_day),
  };
}

export function quoteRow(q: Quote): QuotesTable {
  const data: Record<string, string | null> = { description: q.description };
  for (const field of QUOTE_NUMBER_FIELDS) data[field] = textOrNull(q[field]);
  return { symbol: q.symbol, data: JSON.stringify(data), time: iso(q.time) };
}

export function quoteFromRow(r: QuotesTable): Quote {
  const data = JSON.parse(r.data) as Record<string, string | null>;
  return mergeQuote(undefined, quoteUpdate(r.symbol, ms(r.time), (field) => decOrNull(data[field] ?? null), data.description ?? null));
}

export function tradeRow(t: Trade): TradesTable {
  return {
    id: t.id,
    account_id: t.accountId,
    symbol: t.symbol,
    asset_type: t.assetType,
    multiplier: text(t.multiplier),
    direction: t.direction,
    status: t.status,
    opened_at: iso(t.openedAt),
    closed_at: t.closedAt === null ? null : iso(t.closedAt),
    open_fill_id: t.openFillId,
    close_fill_id: t.closeFillId,
    qty: text(t.qty),
    cost: text(t.cost),
    max_qty: text(t.maxQty),
    entry_qty: text(t.entryQty),
    exit_qty: text(t.exitQty),
    entry_notional: text(t.entryNotional),
    exit_notional: text(t.exitNotional),
    gross_pl: text(t.grossPl),
    commissions: text(t.commissions),
    mfe: text(t.mfe),
    mae: text(t.mae),
    tags: JSON.stringify(t.tags),
    note: t.note,
    fills: JSON.stringify(t.fills),
  };
}

export function tradeFromRow(r: TradesTable): Trade {
  return tradeReader()(r);
}

/**
 * A converter for many trade rows at once. Decimals are immutable, so one Decimal per distinct text is shared by every
 * row that holds it ("0", "1", "100", the usual P&Ls), and so is one tags array per distinct list: reading 100,000
 * trades then parses each value once instead of 13 Decimals a row, and keeps far fewer objects alive.
 */
export function tradeReader(): (r: TradesTable) => Trade {
  const decimals = new Map<string, Dec>();
  const tagLists = new Map<string, readonly string[]>();
  const dec = (text: string): Dec => {
    let value = decimals.get(text);
    if (value === undefined) {
      value = new Dec(text);
      // Bounded: a ledger of all-different amounts stops sharing rather than growing the map without end.
      if (decimals.size < 50_000) decimals.set(text, value);
    }
    return value;
  };
  const tagsOf = (text: string): readonly string[] => {
    let tags = tagLists.get(text);
    if (tags === undefined) {
      tags = Object.freeze(JSON.parse(text) as string[]);
      if (tagLists.size < 10_000) tagLists.set(text, tags);
    }
    return tags;
  };
  return (r) => ({
    id: r.id,
    accountId: r.account_id,
    symbol: r.symbol,
    assetType: r.asset_type as AssetType,
    multiplier: dec(r.multiplier),
    direction: r.direction as Trade['direction'],
    status: r.status as Trade['status'],
    openedAt: ms(r.opened_at),
    closedAt: r.closed_at === null ? null : ms(r.closed_at),
    openFillId: r.open_fill_id,
    closeFillId: r.close_fill_id,
    qty: dec(r.qty),
    cost: dec(r.cost),
    maxQty: dec(r.max_qty),
    entryQty: dec(r.entry_qty),
    exitQty: dec(r.exit_qty),
    entryNotional: dec(r.entry_notional),
    exitNotional: dec(r.exit_notional),
    grossPl: dec(r.gross_pl),
    commissions: dec(r.commissions),
    mfe: dec(r.mfe),
    mae: dec(r.mae),
    tags: tagsOf(r.tags),
    note: r.note,
    fills: JSON.parse(r.fills) as number[],
  });
}

export function equitySampleRow(s: EquitySample): EquitySamplesTable {
  return { id: null, account_id: s.accountId, time: iso(s.time), net_liq: text(s.netLiq), pl_day: text(s.plDay) };
}

export function equitySampleFromRow(r: EquitySamplesTable): EquitySample {
  return { accountId: r.account_id, time: ms(r.time), netLiq: dec(r.net_liq), plDay: dec(r.pl_day) };
}
