// The journal's statistics and groupings (../shared/JOURNAL.md section 3) over closed trades: exact decimals for
// money and rates, JS numbers for counts, streaks and durations, null where a value does not exist.
// Pure: it never reads the ledger or a clock; OPEN and RESET trades are never counted.
import { IANAZone } from 'luxon';
import { Dec, ZERO } from './decimal';
import { durationSeconds, etd, netPl, sameTag, type Trade, type TradeDirection } from './journal';

export interface GroupStatistics {
  readonly trades: number;
  readonly winRate: Dec | null;
  readonly netPl: Dec;
  readonly expectancy: Dec | null;
  readonly profitFactor: Dec | null;
}

export interface TradeStatistics {
  readonly trades: number;
  readonly winners: number;
  readonly losers: number;
  readonly scratches: number;
  readonly winRate: Dec | null;
  readonly grossProfit: Dec;
  readonly grossLoss: Dec;
  readonly netPl: Dec;
  readonly commissions: Dec;
  readonly profitFactor: Dec | null;
  readonly avgWin: Dec | null;
  readonly avgLoss: Dec | null;
  readonly winLossRatio: Dec | null;
  readonly expectancy: Dec | null;
  readonly largestWin: Dec | null;
  readonly largestLoss: Dec | null;
  readonly maxConsecutiveWins: number;
  readonly maxConsecutiveLosses: number;
  readonly maxDrawdown: Dec;
  readonly avgMae: Dec | null;
  readonly avgMfe: Dec | null;
  readonly avgEtd: Dec | null;
  readonly avgDurationSeconds: number | null;
  readonly avgWinDurationSeconds: number | null;
  readonly avgLossDurationSeconds: number | null;
  readonly byTag: Readonly<Record<string, GroupStatistics>>;
  readonly bySymbol: Readonly<Record<string, GroupStatistics>>;
  readonly byDirection: Readonly<Record<string, GroupStatistics>>;
  readonly byWeekday: Readonly<Record<string, GroupStatistics>>;
  readonly byHour: Readonly<Record<string, GroupStatistics>>;
  readonly byDay: Readonly<Record<string, GroupStatistics>>;
}

/** Which closed trades the statistics are over (JOURNAL.md 3). Every field narrows; absent fields do not. */
export interface TradeFilter {
  readonly accountId?: string;
  /** Closing time range, epoch ms: from inclusive, to exclusive. */
  readonly closedFrom?: number;
  readonly closedTo?: number;
  readonly symbols?: readonly string[];
  readonly direction?: TradeDirection;
  /** A trade with any of these tags (compared without case); "" selects untagged trades. */
  readonly tags?: readonly string[];
}

export function matchesFilter(trade: Trade, filter: TradeFilter): boolean {
  if (filter.accountId !== undefined && trade.accountId !== filter.accountId) return false;
  if (filter.closedFrom !== undefined && (trade.closedAt === null || trade.closedAt < filter.closedFrom)) return false;
  if (filter.closedTo !== undefined && (trade.closedAt === null || trade.closedAt >= filter.closedTo)) return false;
  if (filter.symbols && filter.symbols.length > 0 && !filter.symbols.includes(trade.symbol)) return false;
  if (filter.direction !== undefined && trade.direction !== filter.direction) return false;
  if (filter.tags && filter.tags.length > 0) {
    const wanted = filter.tags;
    const hit = wanted.some((tag) => (tag === '' ? trade.tags.length === 0 : trade.tags.some((t) => sameTag(t, tag))));
    if (!hit) return false;
  }
  return true;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const NEW_YORK = 'America/New_York';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const NEW_YORK_ZONE = IANAZone.create(NEW_YORK);
const ROLL_HOUR = 17;
const HOUR_AND_WEEKDAY = WEEKDAYS.flatMap((weekday) => HOURS.map((hour) => ({ hour, weekday })));

/** Closing order (JOURNAL.md 3): closedAt, then the closing fill's id. */
export function byClosing(a: Trade, b: Trade): number {
  return a.closedAt! - b.closedAt! || (a.closeFillId ?? 0) - (b.closeFillId ?? 0) || a.id - b.id;
}

/** Statistics over the CLOSED trades among `trades` that match `filter`. */
export function tradeStatistics(trades: Iterable<Trade>, filter: TradeFilter = {}): TradeStatistics {
  return statisticsOfClosed(closedInOrder(trades, filter));
}

/** Statistics over trades already chosen and in closing order (closedInOrder), for callers that reuse that list. */
export function statisticsOfClosed(closed: readonly Trade[]): TradeStatistics {
  // Most ledgers hold cents: the sums then run on scaled integers, which are exact (see ScaledAmounts). Anything
  // else (a flip's split commission of 1/3, amounts too large) takes the Decimal path, which gives what it always did.
  const scaled = ScaledAmounts.of(closed);
  return scaled ? statisticsOf(closed, scaled, scaled.arithmetic) : statisticsOf(closed, decimalAmounts(closed), DECIMAL);
}

/** The same statistics on Decimals only: the reference the scaled path must equal (and its fallback). */
export function tradeStatisticsInDecimals(trades: Iterable<Trade>, filter: TradeFilter = {}): TradeStatistics {
  const closed = closedInOrder(trades, filter);
  return statisticsOf(closed, decimalAmounts(closed), DECIMAL);
}

/**
 * closedInOrder over CLOSED trades already in closing order: the closing-time bounds found by binary search, the rest
 * of the filter on the trades between them, the order kept.
 */
export function closedMatching(closedInClosingOrder: readonly Trade[], filter: TradeFilter): Trade[] {
  const { closedFrom, closedTo, ...rest } = filter;
  const first = closedFrom === undefined ? 0 : firstClosedAtOrAfter(closedInClosingOrder, closedFrom);
  const end = closedTo === undefined ? closedInClosingOrder.length : firstClosedAtOrAfter(closedInClosingOrder, closedTo);
  const out: Trade[] = [];
  for (let i = first; i < end; i += 1) if (matchesFilter(closedInClosingOrder[i]!, rest)) out.push(closedInClosingOrder[i]!);
  return out;
}

function firstClosedAtOrAfter(closed: readonly Trade[], time: number): number {
  let low = 0;
  let high = closed.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (closed[mid]!.closedAt! < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The CLOSED trades that match, in closing order (JOURNAL.md 3). */
export function closedInOrder(trades: Iterable<Trade>, filter: TradeFilter): Trade[] {
  const closed: Trade[] = [];
  for (const trade of trades) if (trade.status === 'CLOSED' && matchesFilter(trade, filter)) closed.push(trade);
  return closed.sort(byClosing);
}

/** Sums, comparisons and signs of money, in one representation per call (Decimals or scaled integers). */
interface Arithmetic<A> {
  readonly zero: A;
  plus(a: A, b: A): A;
  minus(a: A, b: A): A;
  greaterThan(a: A, b: A): boolean;
  sign(a: A): -1 | 0 | 1;
  toDec(a: A): Dec;
}

/** Each closed trade's money, in closing order. */
interface Amounts<A> {
  readonly net: ArrayLike<A>;
  readonly commissions: ArrayLike<A>;
  readonly mae: ArrayLike<A>;
  readonly mfe: ArrayLike<A>;
  readonly etd: ArrayLike<A>;
}

const DECIMAL: Arithmetic<Dec> = {
  zero: ZERO,
  plus: (a, b) => a.plus(b),
  minus: (a, b) => a.minus(b),
  greaterThan: (a, b) => a.greaterThan(b),
  sign: (a) => (a.isZero() ? 0 : a.isNegative() ? -1 : 1),
  toDec: (a) => a,
};

function decimalAmounts(closed: readonly Trade[]): Amounts<Dec> {
  return {
    net: closed.map(netPl),
    commissions: closed.map((t) => t.commissions),
    mae: closed.map((t) => t.mae),
    mfe: closed.map((t) => t.mfe),
    etd: closed.map((t) => etd(t)!),
  };
}

const MAX_SCALE = 15;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact doubles up to 1e22

/**
 * The trades' money as integers of 10^-scale (cents when every amount has at most two decimals), in JS numbers.
 * Integers below 2^53 add and subtract exactly; `of` accepts the trades only when every amount converts exactly and
 * n x 2 x the largest |grossPl| + |commissions| + |mae| + |mfe| stays below 2^53, so no sum, difference or running
 * peak can leave the exact range. Such sums also fit Decimal's 34 digits, so both paths give the same values.
 */
class ScaledAmounts implements Amounts<number> {
  private constructor(
    readonly net: Float64Array,
    readonly commissions: Float64Array,
    readonly mae: Float64Array,
    readonly mfe: Float64Array,
    readonly etd: Float64Array,
    readonly arithmetic: Arithmetic<number>,
  ) {}

  /** Cents first (one pass); when an amount has more decimals, the largest number of decimals any has. */
  static of(closed: readonly Trade[]): ScaledAmounts | null {
    const cents = ScaledAmounts.at(closed, 2);
    if (cents) return cents;
    let scale = 0;
    for (const t of closed) {
      scale = Math.max(scale, t.grossPl.decimalPlaces(), t.commissions.decimalPlaces(), t.mae.decimalPlaces(), t.mfe.decimalPlaces());
      if (scale > MAX_SCALE) return null;
    }
    return scale === 2 ? null : ScaledAmounts.at(closed, scale);
  }

  private static at(closed: readonly Trade[], scale: number): ScaledAmounts | null {
    const n = closed.length;
    // Typed arrays: the integers stay unboxed and the collector has nothing to trace in them.
    const net = new Float64Array(n);
    const commissions = new Float64Array(n);
    const mae = new Float64Array(n);
    const mfe = new Float64Array(n);
    const etdOf = new Float64Array(n);
    let largest = 0;
    for (let i = 0; i < n; i += 1) {
      const t = closed[i]!;
      const g = scaledInteger(t.grossPl, scale);
      const c = scaledInteger(t.commissions, scale);
      const lo = scaledInteger(t.mae, scale);
      const hi = scaledInteger(t.mfe, scale);
      if (g === null || c === null || lo === null || hi === null) return null;
      largest = Math.max(largest, Math.abs(g) + Math.abs(c) + Math.abs(lo) + Math.abs(hi));
      net[i] = g - c;
      commissions[i] = c;
      mae[i] = lo;
      mfe[i] = hi;
      etdOf[i] = hi - g;
    }
    if (largest * 2 * n > Number.MAX_SAFE_INTEGER) return null;
    return new ScaledAmounts(net, commissions, mae, mfe, etdOf, new ScaledArithmetic(scale));
  }
}

/** Integers of 10^-scale: exact while they stay safe integers, which ScaledAmounts.at has made sure of. */
class ScaledArithmetic implements Arithmetic<number> {
  readonly zero = 0;
  private readonly unit: Dec;
  constructor(scale: number) {
    this.unit = new Dec(10).pow(scale);
  }
  plus(a: number, b: number): number {
    return a + b;
  }
  minus(a: number, b: number): number {
    return a - b;
  }
  greaterThan(a: number, b: number): boolean {
    return a > b;
  }
  sign(a: number): -1 | 0 | 1 {
    return a === 0 ? 0 : a < 0 ? -1 : 1;
  }
  toDec(a: number): Dec {
    return new Dec(a).div(this.unit);
  }
}

/**
 * `value` x 10^scale as a safe integer, or null when it has more decimals than `scale` or does not fit. Reads the
 * Decimal's documented digits (`d`, base 1e7 words), exponent (`e`) and sign (`s`) instead of formatting text.
 */
export function scaledInteger(value: Dec, scale: number): number | null {
  const words = value.d;
  if (!words) return null; // NaN or an infinity
  if (words[0] === 0) return 0;
  let n = 0;
  for (let i = 0; i < words.length; i += 1) {
    // Exact while the true value stays below 2^53; past it the rounded value is past it too.
    n = n * 1e7 + words[i]!;
    if (n > Number.MAX_SAFE_INTEGER) return null;
  }
  const first = words[0]!;
  const digits = 7 * (words.length - 1) + (first < 10 ? 1 : first < 100 ? 2 : first < 1e3 ? 3 : first < 1e4 ? 4 : first < 1e5 ? 5 : first < 1e6 ? 6 : 7);
  const exponent = value.e + 1 - digits + scale;
  let r: number;
  if (exponent >= 0) {
    if (exponent >= POW10.length) return null;
    r = n * POW10[exponent]!;
    if (r > Number.MAX_SAFE_INTEGER) return null;
  } else {
    if (-exponent >= POW10.length) return null;
    // Divisible by p exactly when floor(n / p) x p gives n back (n < 2^53); cheaper than a double's %.
    const p = POW10[-exponent]!;
    r = Math.floor(n / p);
    if (r * p !== n) return null;
  }
  return value.s < 0 ? -r : r;
}

function statisticsOf<A>(closed: readonly Trade[], amounts: Amounts<A>, m: Arithmetic<A>): TradeStatistics {
  const all = new Group(m);
  let winners = 0;
  let losers = 0;
  let grossProfit = m.zero;
  let grossLoss = m.zero;
  let commissions = m.zero;
  let largestWin: A | null = null;
  let largestLoss: A | null = null;
  let wins = 0;
  let losses = 0;
  let maxWins = 0;
  let maxLosses = 0;
  let equity = m.zero;
  let peak = m.zero;
  let maxDrawdown = m.zero;
  let mae = m.zero;
  let mfe = m.zero;
  let etdSum = m.zero;
  let duration = 0;
  let winDuration = 0;
  let lossDuration = 0;
  const byTag = new Groups(m);
  const bySymbol = new Groups(m);
  const byDirection = new Groups(m);
  const byWeekday = new Groups(m);
  const byHour = new Groups(m);
  const byDay = new Groups(m);
  const calendar = new NewYorkCalendar();

  for (let i = 0; i < closed.length; i += 1) {
    const trade = closed[i]!;
    const net = amounts.net[i]!;
    const seconds = durationSeconds(trade)!;
    const sign = m.sign(net);
    all.add(net, sign);
    commissions = m.plus(commissions, amounts.commissions[i]!);
    duration += seconds;
    if (sign > 0) {
      winners += 1;
      grossProfit = m.plus(grossProfit, net);
      if (largestWin === null || m.greaterThan(net, largestWin)) largestWin = net;
      winDuration += seconds;
      wins += 1;
      losses = 0;
      maxWins = Math.max(maxWins, wins);
    } else if (sign < 0) {
      losers += 1;
      grossLoss = m.plus(grossLoss, net);
      if (largestLoss === null || m.greaterThan(largestLoss, net)) largestLoss = net;
      lossDuration += seconds;
      losses += 1;
      wins = 0;
      maxLosses = Math.max(maxLosses, losses);
    } else {
      // A scratch ends both runs.
      wins = 0;
      losses = 0;
    }
    equity = m.plus(equity, net);
    if (m.greaterThan(equity, peak)) peak = equity;
    else {
      const drawdown = m.minus(peak, equity);
      if (m.greaterThan(drawdown, maxDrawdown)) maxDrawdown = drawdown;
    }
    mae = m.plus(mae, amounts.mae[i]!);
    mfe = m.plus(mfe, amounts.mfe[i]!);
    etdSum = m.plus(etdSum, amounts.etd[i]!);

    if (trade.tags.length === 0) byTag.add('', net, sign);
    else for (const tag of trade.tags) byTag.add(tag, net, sign);
    bySymbol.add(trade.symbol, net, sign);
    byDirection.add(trade.direction, net, sign);
    const opened = calendar.hourAndWeekday(trade.openedAt);
    byWeekday.add(opened.weekday, net, sign);
    byHour.add(opened.hour, net, sign);
    byDay.add(calendar.tradingDay(trade.closedAt!), net, sign);
  }

  const n = closed.length;
  const netTotal = m.toDec(all.netPl);
  const profit = m.toDec(grossProfit);
  const loss = m.toDec(grossLoss);
  const avgWin = winners > 0 ? profit.div(winners) : null;
  const avgLoss = losers > 0 ? loss.div(losers) : null;
  return {
    trades: n,
    winners,
    losers,
    scratches: n - winners - losers,
    winRate: rate(winners, n),
    grossProfit: profit,
    grossLoss: loss,
    netPl: netTotal,
    commissions: m.toDec(commissions),
    profitFactor: loss.isZero() ? null : profit.div(loss.negated()),
    avgWin,
    avgLoss,
    winLossRatio: avgWin !== null && avgLoss !== null ? avgWin.div(avgLoss.negated()) : null,
    expectancy: n > 0 ? netTotal.div(n) : null,
    largestWin: largestWin === null ? null : m.toDec(largestWin),
    largestLoss: largestLoss === null ? null : m.toDec(largestLoss),
    maxConsecutiveWins: maxWins,
    maxConsecutiveLosses: maxLosses,
    maxDrawdown: m.toDec(maxDrawdown),
    avgMae: n > 0 ? m.toDec(mae).div(n) : null,
    avgMfe: n > 0 ? m.toDec(mfe).div(n) : null,
    avgEtd: n > 0 ? m.toDec(etdSum).div(n) : null,
    avgDurationSeconds: n > 0 ? duration / n : null,
    avgWinDurationSeconds: winners > 0 ? winDuration / winners : null,
    avgLossDurationSeconds: losers > 0 ? lossDuration / losers : null,
    byTag: byTag.result((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    bySymbol: bySymbol.result((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    byDirection: byDirection.result((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    byWeekday: byWeekday.result((a, b) => WEEKDAYS.indexOf(a as never) - WEEKDAYS.indexOf(b as never)),
    byHour: byHour.result((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    byDay: byDay.result((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

/** winners / trades x 100, in that order (JOURNAL.md 3); null without trades. */
function rate(count: number, of: number): Dec | null {
  return of > 0 ? new Dec(count).div(of).times(100) : null;
}

class Group<A> {
  trades = 0;
  winners = 0;
  netPl: A;
  profit: A;
  loss: A;
  constructor(private readonly m: Arithmetic<A>) {
    this.netPl = m.zero;
    this.profit = m.zero;
    this.loss = m.zero;
  }
  add(net: A, sign: -1 | 0 | 1) {
    const m = this.m;
    this.trades += 1;
    this.netPl = m.plus(this.netPl, net);
    if (sign > 0) {
      this.winners += 1;
      this.profit = m.plus(this.profit, net);
    } else if (sign < 0) this.loss = m.plus(this.loss, net);
  }
  result(): GroupStatistics {
    const m = this.m;
    const netPl = m.toDec(this.netPl);
    const loss = m.toDec(this.loss);
    return {
      trades: this.trades,
      winRate: rate(this.winners, this.trades),
      netPl,
      expectancy: this.trades > 0 ? netPl.div(this.trades) : null,
      profitFactor: loss.isZero() ? null : m.toDec(this.profit).div(loss.negated()),
    };
  }
}

class Groups<A> {
  private readonly groups = new Map<string, Group<A>>();
  /** Each key as met, to its group: most keys repeat, and this spares folding their case on every trade. */
  private readonly met = new Map<string, Group<A>>();
  private readonly spelling = new Map<string, string>();
  constructor(private readonly m: Arithmetic<A>) {}
  /** Keys compare without case for tags; the first spelling names the group. */
  add(key: string, net: A, sign: -1 | 0 | 1) {
    let group = this.met.get(key);
    if (!group) {
      const folded = key.toLowerCase();
      group = this.groups.get(folded);
      if (!group) {
        group = new Group(this.m);
        this.groups.set(folded, group);
        this.spelling.set(folded, key);
      }
      this.met.set(key, group);
    }
    group.add(net, sign);
  }
  result(order: (a: string, b: string) => number): Record<string, GroupStatistics> {
    const keys = [...this.spelling.values()].sort(order);
    const out: Record<string, GroupStatistics> = {};
    for (const key of keys) out[key] = this.groups.get(key.toLowerCase())!.result();
    return out;
  }
}

/**
 * New York hours, weekdays and trading days without time-zone arithmetic per trade: New York's offset is asked of
 * the time-zone database once per UTC day (at its first and last millisecond: when both agree, as on every day but
 * the two DST changes, the whole day has that offset; otherwise per UTC hour, since the offset changes only on
 * whole hours); the rest is integer arithmetic on the local time, and each trading day's name is formatted once.
 */
export class NewYorkCalendar {
  private readonly dayOffsets = DAY_OFFSETS;
  private readonly hourOffsets = HOUR_OFFSETS;
  private readonly days = new Map<number, string>();
  private lastDay = NaN;
  private lastOffset: number | null = null;

  hourAndWeekday(ms: number): { hour: string; weekday: string } {
    const local = ms + this.offsetMs(ms);
    const day = Math.floor(local / DAY);
    return HOUR_AND_WEEKDAY[weekdayIndex(day) * 24 + Math.floor((local - day * DAY) / HOUR)]!;
  }

  /**
   * The trading day `ms` belongs to (ENGINE.md 8): the New York date of the first weekday 17:00 strictly after it,
   * as tradingDay.ts's nextRollAfter counts it (the tests hold the two together).
   */
  tradingDay(ms: number): string {
    const local = ms + this.offsetMs(ms);
    let day = Math.floor(local / DAY);
    if (local - day * DAY >= ROLL_HOUR * HOUR) day += 1;
    while (weekdayIndex(day) >= 5) day += 1;
    let known = this.days.get(day);
    if (known === undefined) {
      known = new Date(day * DAY).toISOString().slice(0, 10);
      this.days.set(day, known);
    }
    return known;
  }

  /** New York's offset from UTC at `ms`, in ms. */
  private offsetMs(ms: number): number {
    const day = Math.floor(ms / DAY);
    if (day !== this.lastDay) {
      let offset = this.dayOffsets.get(day);
      if (offset === undefined) {
        const first = NEW_YORK_ZONE.offset(day * DAY);
        offset = first === NEW_YORK_ZONE.offset(day * DAY + DAY - 1) ? first * 60_000 : null;
        this.dayOffsets.set(day, offset);
      }
      this.lastDay = day;
      this.lastOffset = offset;
    }
    return this.lastOffset ?? this.hourOffsetMs(ms);
  }

  /** The day of a DST change: one answer per UTC hour (the offset changes on a whole hour). */
  private hourOffsetMs(ms: number): number {
    const hour = Math.floor(ms / HOUR);
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      offset = NEW_YORK_ZONE.offset(hour * HOUR) * 60_000;
      this.hourOffsets.set(hour, offset);
    }
    return offset;
  }
}

// New York's offset per UTC day (null on the days of a DST change) and per UTC hour of those days: facts of the
// time-zone database, kept for the process (a few thousand entries for years of trades), so statistics asked again
// and again (the journal screen's filters) do not ask Intl again.
const DAY_OFFSETS = new Map<number, number | null>();
const HOUR_OFFSETS = new Map<number, number>();

/** Mon = 0 .. Sun = 6 of a day counted from 1970-01-01, a Thursday. */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
