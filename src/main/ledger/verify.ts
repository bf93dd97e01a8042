// Recomputes every account's cash and positions from its opening, its resets and its fills alone, and compares
// them with what the ledger stores; replays each order's events through the engine's transition table and checks
// that they, and its fills, agree with its status.
// Recomputes the journal's trades from the same fills and resets (JOURNAL.md 1) and compares them with the stored ones.
// Reads only: a difference is reported, never repaired.
import { cashAfterFill, fillCashFlow } from '../engine/cash';
import { Dec, ZERO } from '../engine/decimal';
import { NEW, nextStatus, ORDER_EVENT_TYPES, type LifecycleState, type OrderEventType, type Position, type Reset } from '../engine/model';
import type { Trade } from '../engine/journal';
import { applyFillToPosition, newPosition } from '../engine/positions';
import type { Ledger } from './ledger';
import { TradeReplay } from './tradeReplay';
import { accountFromRow, fillFromRow, ms, positionFromRow, resetFromRow, tradeFromRow } from './rows';

export interface VerifyReport {
  readonly ok: boolean;
  readonly accounts: number;
  readonly orders: number;
  readonly fills: number;
  readonly trades: number;
  readonly differences: string[];
}

interface Replay {
  cash: Dec;
  positions: Map<string, Position>;
}

function isOrderEventType(type: string): type is OrderEventType {
  return (ORDER_EVENT_TYPES as readonly string[]).includes(type);
}

export function verifyLedger(ledger: Ledger): VerifyReport {
  const { db, sql } = ledger;
  const differences: string[] = [];
  const lastRollRow = sql.first(db.selectFrom('ledger_meta').select('value').where('key', '=', 'last_roll_at'));
  const lastRollAt = lastRollRow ? ms(lastRollRow.value) : Number.NEGATIVE_INFINITY;
  const accounts = sql.all(db.selectFrom('accounts').selectAll().orderBy('ordinal')).map(accountFromRow);

  // Replay each account: resets (and the opening) set cash; fills after them move it.
  const resetList = sql.all(db.selectFrom('resets').selectAll().orderBy('id')).map(resetFromRow);
  const resets = new Map<string, Reset[]>();
  for (const reset of resetList) resets.set(reset.accountId, [...(resets.get(reset.accountId) ?? []), reset]);
  const replays = new Map<string, Replay>();
  const pending = new Map<string, Reset[]>();
  for (const account of accounts) {
    const list = resets.get(account.id) ?? [];
    if (list[0]?.kind !== 'OPEN') differences.push(`account ${account.id}: no opening balance recorded`);
    pending.set(account.id, [...list]);
    replays.set(account.id, { cash: ZERO, positions: new Map() });
  }
  // The journal's trades, recomputed from the same fills and resets, by id.
  const recomputed = new Map<number, Trade>();
  const trades = new TradeReplay(resetList, (trade) => recomputed.set(trade.id, trade));
  const applyResetsBefore = (accountId: string, fillId: number) => {
    const queue = pending.get(accountId) ?? [];
    while (queue.length > 0 && queue[0]!.afterFillId < fillId) {
      const reset = queue.shift()!;
      replays.set(accountId, { cash: reset.startingBalance, positions: new Map() });
    }
  };

  const orderStatus = new Map<number, { status: string; filledQty: string; avgFillPrice: string | null; fills: number }>();
  for (const row of sql.iterate(db.selectFrom('orders').select(['id', 'status', 'filled_qty', 'avg_fill_price']))) {
    orderStatus.set(row.id, { status: row.status, filledQty: row.filled_qty, avgFillPrice: row.avg_fill_price, fills: 0 });
  }

  let fillCount = 0;
  for (const row of sql.iterate(db.selectFrom('fills').selectAll().orderBy('id'))) {
    fillCount += 1;
    const fill = fillFromRow(row);
    applyResetsBefore(fill.accountId, fill.id);
    const replay = replays.get(fill.accountId);
    if (!replay) {
      differences.push(`fill ${fill.id}: unknown account ${fill.accountId}`);
      continue;
    }
    const held = replay.positions.get(fill.symbol) ?? newPosition(fill.accountId, fill.symbol, fill.assetType, fill.multiplier, fill.time);
    const delta = fill.side === 'BUY' ? fill.qty : fill.qty.negated();
    const { position, realized } = applyFillToPosition(held, delta, fill.price, fill.time);
    if (!realized.eq(fill.realizedPl)) {
      differences.push(`fill ${fill.id}: realized P&L recorded ${fill.realizedPl.toFixed()}, recomputed ${realized.toFixed()}`);
    }
    trades.fill(fill);
    const flow = fillCashFlow(fill.assetType, delta, fill.price, position.multiplier, realized);
    replay.cash = cashAfterFill(replay.cash, flow, fill);
    const today = fill.time >= lastRollAt;
    replay.positions.set(fill.symbol, {
      ...position,
      realizedPlDay: today ? held.realizedPlDay.plus(realized) : ZERO,
    });
    const order = orderStatus.get(fill.orderId);
    if (!order) differences.push(`fill ${fill.id}: no order ${fill.orderId}`);
    else {
      order.fills += 1;
      if (order.filledQty !== fill.qty.toFixed() || order.avgFillPrice !== fill.price.toFixed()) {
        differences.push(`order ${fill.orderId}: filled ${order.filledQty} @ ${order.avgFillPrice}, but its fill ${fill.id} is ${fill.qty.toFixed()} @ ${fill.price.toFixed()}`);
      }
    }
  }
  for (const account of accounts) applyResetsBefore(account.id, Number.POSITIVE_INFINITY);
  trades.finish();

  const stored = new Map<string, Map<string, Position>>();
  for (const row of sql.all(db.selectFrom('positions').selectAll())) {
    const position = positionFromRow(row);
    if (!stored.has(position.accountId)) stored.set(position.accountId, new Map());
    stored.get(position.accountId)!.set(position.symbol, position);
  }

  for (const account of accounts) {
    const replay = replays.get(account.id)!;
    if (!replay.cash.eq(account.cash)) {
      differences.push(`account ${account.id}: cash stored ${account.cash.toFixed()}, recomputed ${replay.cash.toFixed()}`);
    }
    const held = stored.get(account.id) ?? new Map<string, Position>();
    const symbols = new Set([...held.keys(), ...[...replay.positions.values()].filter((p) => !p.qty.isZero()).map((p) => p.symbol)]);
    for (const symbol of symbols) {
      const mine = held.get(symbol);
      const theirs = replay.positions.get(symbol);
      const qty = theirs?.qty ?? ZERO;
      const cost = theirs?.cost ?? ZERO;
      if (!mine) {
        differences.push(`position ${account.id} ${symbol}: missing, recomputed qty ${qty.toFixed()}`);
        continue;
      }
      if (!mine.qty.eq(qty) || !mine.cost.eq(cost)) {
        differences.push(
          `position ${account.id} ${symbol}: stored qty ${mine.qty.toFixed()} cost ${mine.cost.toFixed()}, recomputed qty ${qty.toFixed()} cost ${cost.toFixed()}`,
        );
      }
      const realizedToday = theirs?.realizedPlDay ?? ZERO;
      if (!mine.realizedPlDay.eq(realizedToday)) {
        differences.push(
          `position ${account.id} ${symbol}: realized P&L today stored ${mine.realizedPlDay.toFixed()}, recomputed ${realizedToday.toFixed()}`,
        );
      }
    }
  }

  // Each order: its fills agree with its status.
  for (const [id, order] of orderStatus) {
    const expected = order.status === 'FILLED' ? 1 : 0;
    if (order.fills !== expected) differences.push(`order ${id}: ${order.status} with ${order.fills} fills`);
  }
  // Each order's events, replayed from NEW through the engine's own transition table, must be legal and end
  // where the order stands.
  let current: { id: number; state: LifecycleState; broken: boolean } | undefined;
  const closeOrder = () => {
    if (!current) return;
    const order = orderStatus.get(current.id);
    if (!order) differences.push(`events of a missing order ${current.id}`);
    else {
      if (!current.broken && current.state !== order.status) {
        differences.push(`order ${current.id}: status ${order.status} but its events lead to ${current.state}`);
      }
      orderStatus.delete(current.id);
    }
  };
  for (const row of sql.iterate(db.selectFrom('order_events').select(['order_id', 'type']).orderBy('order_id').orderBy('id'))) {
    if (current?.id !== row.order_id) {
      closeOrder();
      current = { id: row.order_id, state: NEW, broken: false };
    }
    if (current.broken) continue;
    const next = isOrderEventType(row.type) ? nextStatus(current.state, row.type) : undefined;
    if (next) current.state = next;
    else {
      differences.push(`order ${current.id}: ${row.type} is not possible from ${current.state}`);
      current.broken = true;
    }
  }
  closeOrder();
  for (const id of orderStatus.keys()) differences.push(`order ${id}: no events`);

  // Linked orders (ENGINE.md 12): one fill at most per OCO group; a HELD child waits for a parent still WORKING
  // (one whose parent ended would never activate nor end).
  for (const row of sql.all(
    db.selectFrom('orders').select(['oco_group', (eb) => eb.fn.countAll<number>().as('n')]).where('oco_group', 'is not', null).where('status', '=', 'FILLED').groupBy('oco_group').having((eb) => eb.fn.countAll(), '>', 1),
  )) {
    differences.push(`OCO group ${row.oco_group}: ${row.n} members filled`);
  }
  for (const row of sql.all(
    db
      .selectFrom('orders as child')
      .leftJoin('orders as parent', 'parent.id', 'child.parent_id')
      .select(['child.id as id', 'parent.status as parentStatus'])
      .where('child.status', '=', 'HELD')
      .where((eb) => eb.or([eb('parent.status', 'is', null), eb('parent.status', '!=', 'WORKING')])),
  )) {
    differences.push(`order ${row.id}: HELD, but its parent is ${row.parentStatus ?? 'missing'}`);
  }

  const tradeCount = compareTrades(ledger, recomputed, differences);

  return {
    ok: differences.length === 0,
    trades: tradeCount,
    accounts: accounts.length,
    orders: Number(sql.first(db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')))?.n ?? 0),
    fills: fillCount,
    differences,
  };
}

const TRADE_FIELDS = [
  'accountId',
  'symbol',
  'direction',
  'status',
  'openedAt',
  'closedAt',
  'openFillId',
  'closeFillId',
  'qty',
  'cost',
  'maxQty',
  'entryQty',
  'exitQty',
  'entryNotional',
  'exitNotional',
  'grossPl',
  'commissions',
] as const satisfies readonly (keyof Trade)[];

function shown(value: unknown): string {
  return value instanceof Dec ? value.toFixed() : JSON.stringify(value);
}

/** Stored trades against the ones recomputed from fills and resets; excursions are market data, only their signs. */
function compareTrades(ledger: Ledger, recomputed: Map<number, Trade>, differences: string[]): number {
  const { db, sql } = ledger;
  let count = 0;
  for (const row of sql.iterate(db.selectFrom('trades').selectAll().orderBy('id'))) {
    count += 1;
    const stored = tradeFromRow(row);
    const theirs = recomputed.get(stored.id);
    recomputed.delete(stored.id);
    if (!theirs) {
      differences.push(`trade ${stored.id}: stored, but no fills make it`);
      continue;
    }
    for (const field of TRADE_FIELDS) {
      const a = stored[field];
      const b = theirs[field];
      const same = a instanceof Dec && b instanceof Dec ? a.eq(b) : a === b;
      if (!same) differences.push(`trade ${stored.id}: ${field} stored ${shown(a)}, recomputed ${shown(b)}`);
    }
    if (stored.fills.join(',') !== theirs.fills.join(',')) {
      differences.push(`trade ${stored.id}: fills stored ${stored.fills.join(',')}, recomputed ${theirs.fills.join(',')}`);
    }
    if (stored.mae.greaterThan(0) || stored.mfe.lessThan(0)) {
      differences.push(`trade ${stored.id}: excursions mae ${stored.mae.toFixed()} mfe ${stored.mfe.toFixed()} not around 0`);
    }
  }
  for (const id of recomputed.keys()) differences.push(`trade ${id}: recomputed from fills, but not stored`);
  return count;
}
