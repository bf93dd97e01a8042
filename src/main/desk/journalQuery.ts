// What the journal screen asks of a desk's trades: a filter of trading-day ranges turned into closing times, one
// sorted page of the trades that match, the cumulative net P&L of the closed ones and the equity curve. Exact
// decimals throughout; it reads what the desk gives it and never writes, decides a trade, or reads a clock itself.
import { DateTime } from 'luxon';
import { Dec, ZERO, plain } from '../engine/decimal';
import { avgEntry, avgExit, durationSeconds, netPl, type Trade, type TradeDirection } from '../engine/journal';
import type { DaySnapshot, EquitySample } from '../engine/model';
import { closedInOrder, matchesFilter, NewYorkCalendar, scaledInteger, type TradeFilter } from '../engine/statistics';
import { rollAtOrBefore } from '../engine/tradingDay';

const NEW_YORK = 'America/New_York';
const ROLL_HOUR = 17;

export type JournalRange =
  | { readonly kind: 'all' | 'today' | 'week' | 'month' }
  | { readonly kind: 'custom'; readonly from: string; readonly to: string };

export interface JournalQuery {
  readonly account?: string | undefined;
  readonly range?: JournalRange | undefined;
  readonly symbol?: string | undefined;
  readonly direction?: TradeDirection | undefined;
  readonly tag?: string | undefined;
}

/** The roll that ends trading day `day` (YYYY-MM-DD): 17:00 New York that day, or the last one before a weekend. */
function rollEnding(day: DateTime): number {
  return rollAtOrBefore(day.set({ hour: ROLL_HOUR, minute: 0, second: 0, millisecond: 0 }).toMillis());
}

/**
 * A range of trading days as closing times [from, to): from the roll that ends the day before the first to the roll
 * that ends the last, so it agrees with byDay (a trade closed Monday 18:00 New York belongs to Tuesday).
 */
export function rangeTimes(range: JournalRange | undefined, now: number): { from?: number; to?: number } {
  if (!range || range.kind === 'all') return {};
  let first: DateTime;
  let last: DateTime;
  if (range.kind === 'custom') {
    first = DateTime.fromISO(range.from, { zone: NEW_YORK });
    last = DateTime.fromISO(range.to, { zone: NEW_YORK });
    if (last < first) [first, last] = [last, first];
  } else {
    const today = DateTime.fromISO(new NewYorkCalendar().tradingDay(now), { zone: NEW_YORK });
    if (range.kind === 'today') [first, last] = [today, today];
    else if (range.kind === 'week') [first, last] = [today.startOf('week'), today.startOf('week').plus({ days: 4 })];
    else [first, last] = [today.startOf('month'), today.endOf('month').startOf('day')];
  }
  return { from: rollEnding(first.minus({ days: 1 })), to: rollEnding(last) };
}

/** The statistics' filter for a query (closing times from its range). */
export function tradeFilter(query: JournalQuery, now: number): TradeFilter {
  const { from, to } = rangeTimes(query.range, now);
  return {
    ...(query.account !== undefined ? { accountId: query.account } : {}),
    ...(from !== undefined ? { closedFrom: from } : {}),
    ...(to !== undefined ? { closedTo: to } : {}),
    ...(query.symbol !== undefined ? { symbols: [query.symbol] } : {}),
    ...(query.direction !== undefined ? { direction: query.direction } : {}),
    ...(query.tag !== undefined ? { tags: [query.tag] } : {}),
  };
}

/**
 * The trades a query shows: closed and RESET ones by their closing time, open ones as if closing now (they are in
 * today's range and any range that reaches now).
 */
export function tradesMatching(trades: readonly Trade[], query: JournalQuery, now: number): Trade[] {
  const filter = tradeFilter(query, now);
  const { closedFrom, closedTo, ...rest } = filter;
  return trades.filter((trade) => {
    if (!matchesFilter(trade, rest)) return false;
    const closed = trade.closedAt ?? now;
    return (closedFrom === undefined || closed >= closedFrom) && (closedTo === undefined || closed < closedTo);
  });
}

export type SortKey =
  | 'openedAt'
  | 'closedAt'
  | 'symbol'
  | 'direction'
  | 'maxQty'
  | 'avgEntry'
  | 'avgExit'
  | 'grossPl'
  | 'commissions'
  | 'netPl'
  | 'mae'
  | 'mfe'
  | 'durationSeconds';

type Key = number | string | Dec | null;

function sortKey(trade: Trade, key: SortKey, now: number): Key {
  switch (key) {
    case 'openedAt':
      return trade.openedAt;
    case 'closedAt':
      return trade.closedAt ?? now;
    case 'symbol':
      return trade.symbol;
    case 'direction':
      return trade.direction;
    case 'maxQty':
      return trade.maxQty;
    case 'avgEntry':
      return avgEntry(trade);
    case 'avgExit':
      return avgExit(trade);
    case 'grossPl':
      return trade.grossPl;
    case 'commissions':
      return trade.commissions;
    case 'netPl':
      return netPl(trade);
    case 'mae':
      return trade.mae;
    case 'mfe':
      return trade.mfe;
    case 'durationSeconds':
      return durationSeconds(trade) ?? (now - trade.openedAt) / 1000;
  }
}

function compareKeys(a: Key, b: Key): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return (a as Dec).comparedTo(b as Dec);
}

/** Sorted by one column (ties: newest close, then id); each key computed once per trade, not per comparison. */
export function sortTrades(trades: readonly Trade[], key: SortKey, descending: boolean, now: number): Trade[] {
  const keyed = trades.map((trade) => ({ trade, key: sortKey(trade, key, now), closed: trade.closedAt ?? now }));
  const direction = descending ? -1 : 1;
  keyed.sort((a, b) => {
    const byKey = compareKeys(a.key, b.key);
    // Trades without the value (no exit yet) go last either way.
    if (byKey !== 0) return a.key === null || b.key === null ? byKey : byKey * direction;
    return b.closed - a.closed || b.trade.id - a.trade.id;
  });
  return keyed.map((k) => k.trade);
}

export interface CurvePoint {
  /** Epoch seconds, strictly increasing. */
  time: number;
  value: string;
}

/** Points in time order with one per second (the last of each second), as a chart wants them. */
function onePerSecond<V>(points: readonly { ms: number; value: V }[]): { time: number; value: V }[] {
  const out: { time: number; value: V }[] = [];
  for (const point of points) {
    const time = Math.floor(point.ms / 1000);
    if (out.length > 0 && out[out.length - 1]!.time >= time) out[out.length - 1] = { time: out[out.length - 1]!.time, value: point.value };
    else out.push({ time, value: point.value });
  }
  return out;
}

const asText = (points: readonly { time: number; value: Dec }[]): CurvePoint[] => points.map(({ time, value }) => ({ time, value: plain(value) }));

/** The most points a curve sends to the window: a chart 2,000 points wide shows every pixel of a 1440 px screen. */
export const MAX_CURVE_POINTS = 2_000;

/**
 * At most `max` points: the points cut into equal runs (the last one shorter) and the last point of each kept, so
 * every value shown is an exact running total and the curve still ends on the final one.
 */
export function lastOfEachBucket<T>(points: readonly T[], max: number = MAX_CURVE_POINTS): T[] {
  if (points.length <= max) return [...points];
  const size = Math.ceil(points.length / max);
  const out: T[] = [];
  for (let end = size - 1; end < points.length - 1; end += size) out.push(points[end]!);
  out.push(points[points.length - 1]!);
  return out;
}

/**
 * The running sum of net P&L of the closed trades, in closing order (JOURNAL.md 3), one point per closing second,
 * at most MAX_CURVE_POINTS of them (lastOfEachBucket).
 */
export function cumulativeNet(trades: readonly Trade[], filter: TradeFilter): CurvePoint[] {
  return cumulativeNetOfClosed(closedInOrder(trades, filter));
}

/** cumulativeNet over trades already chosen and in closing order (closedInOrder). */
export function cumulativeNetOfClosed(closed: readonly Trade[]): CurvePoint[] {
  const total = runningNet(closed);
  // Points carry the closing's index: only the kept ones become text.
  const points = lastOfEachBucket(onePerSecond(closed.map((trade, i) => ({ ms: trade.closedAt!, value: i }))));
  return points.map(({ time, value }) => ({ time, value: total(value) }));
}

const CENTS = new Dec(100);

/**
 * The running net P&L after each closed trade, as text. In whole cents on safe integers when every gross P&L and
 * commission is whole cents and no total leaves the exact range (the same values as Decimal sums, without 200,000
 * Decimal operations over 100,000 trades); otherwise in Decimals.
 */
function runningNet(closed: readonly Trade[]): (i: number) => string {
  const cents = new Float64Array(closed.length);
  let sum = 0;
  for (let i = 0; i < closed.length; i += 1) {
    const g = scaledInteger(closed[i]!.grossPl, 2);
    const c = scaledInteger(closed[i]!.commissions, 2);
    if (g === null || c === null || Math.abs(sum) + Math.abs(g) + Math.abs(c) > Number.MAX_SAFE_INTEGER) return decimalRunningNet(closed);
    sum = sum + g - c;
    cents[i] = sum;
  }
  return (i) => plain(new Dec(cents[i]!).div(CENTS));
}

function decimalRunningNet(closed: readonly Trade[]): (i: number) => string {
  let sum = ZERO;
  const totals = closed.map((trade) => (sum = sum.plus(netPl(trade))));
  return (i) => plain(totals[i]!);
}

/** The equity curve (JOURNAL.md 5): net liq at each roll, the day's samples, and now. */
export function equityCurve(
  history: { snapshots: readonly DaySnapshot[]; samples: readonly EquitySample[] },
  current: { time: number; netLiq: Dec },
): CurvePoint[] {
  const points = [
    ...history.snapshots.map((s) => ({ ms: s.rollAt, value: s.netLiq })),
    ...history.samples.map((s) => ({ ms: s.time, value: s.netLiq })),
  ].sort((a, b) => a.ms - b.ms);
  if (points.length === 0 || points[points.length - 1]!.ms <= current.time) points.push({ ms: current.time, value: current.netLiq });
  return asText(onePerSecond(points));
}

