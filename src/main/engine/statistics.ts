// The journal's statistics and groupings (../shared/JOURNAL.md section 3) over closed trades: exact decimals for
// money and rates, JS numbers for counts, streaks and durations, null where a value does not exist.
// Pure: it never reads the ledger or a clock; OPEN and RESET trades are never counted.
import { DateTime } from 'luxon';
import { Dec, ZERO } from './decimal';
import { durationSeconds, etd, netPl, sameTag, type Trade, type TradeDirection } from './journal';
import { nextRollAfter } from './tradingDay';

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

/** Closing order (JOURNAL.md 3): closedAt, then the closing fill's id. */
export function byClosing(a: Trade, b: Trade): number {
  return a.closedAt! - b.closedAt! || (a.closeFillId ?? 0) - (b.closeFillId ?? 0) || a.id - b.id;
}

/** Statistics over the CLOSED trades among `trades` that match `filter`. */
export function tradeStatistics(trades: Iterable<Trade>, filter: TradeFilter = {}): TradeStatistics {
  const closed: Trade[] = [];
  for (const trade of trades) if (trade.status === 'CLOSED' && matchesFilter(trade, filter)) closed.push(trade);
  closed.sort(byClosing);

  const all = new Group();
  let winners = 0;
  let losers = 0;
  let grossProfit = ZERO;
  let grossLoss = ZERO;
  let commissions = ZERO;
  let largestWin: Dec | null = null;
  let largestLoss: Dec | null = null;
  let wins = 0;
  let losses = 0;
  let maxWins = 0;
  let maxLosses = 0;
  let equity = ZERO;
  let peak = ZERO;
  let maxDrawdown = ZERO;
  let mae = ZERO;
  let mfe = ZERO;
  let etdSum = ZERO;
  let duration = 0;
  let winDuration = 0;
  let lossDuration = 0;
  const byTag = new Groups();
  const bySymbol = new Groups();
  const byDirection = new Groups();
  const byWeekday = new Groups();
  const byHour = new Groups();
  const byDay = new Groups();
  const calendar = new NewYorkCalendar();

  for (const trade of closed) {
    const net = netPl(trade);
    const seconds = durationSeconds(trade)!;
    all.add(net);
    commissions = commissions.plus(trade.commissions);
    duration += seconds;
    if (net.isPositive() && !net.isZero()) {
      winners += 1;
      grossProfit = grossProfit.plus(net);
      if (largestWin === null || net.greaterThan(largestWin)) largestWin = net;
      winDuration += seconds;
      wins += 1;
      losses = 0;
      maxWins = Math.max(maxWins, wins);
    } else if (net.isNegative() && !net.isZero()) {
      losers += 1;
      grossLoss = grossLoss.plus(net);
      if (largestLoss === null || net.lessThan(largestLoss)) largestLoss = net;
      lossDuration += seconds;
      losses += 1;
      wins = 0;
      maxLosses = Math.max(maxLosses, losses);
    } else {
      // A scratch ends both runs.
      wins = 0;
      losses = 0;
    }
    equity = equity.plus(net);
    if (equity.greaterThan(peak)) peak = equity;
    else {
      const drawdown = peak.minus(equity);
      if (drawdown.greaterThan(maxDrawdown)) maxDrawdown = drawdown;
    }
    mae = mae.plus(trade.mae);
    mfe = mfe.plus(trade.mfe);
    etdSum = etdSum.plus(etd(trade)!);

    if (trade.tags.length === 0) byTag.add('', net);
    else for (const tag of trade.tags) byTag.add(tag, net);
    bySymbol.add(trade.symbol, net);
    byDirection.add(trade.direction, net);
    const opened = calendar.hourAndWeekday(trade.openedAt);
    byWeekday.add(opened.weekday, net);
    byHour.add(opened.hour, net);
    byDay.add(calendar.tradingDay(trade.closedAt!), net);
  }

  const n = closed.length;
  const avgWin = winners > 0 ? grossProfit.div(winners) : null;
  const avgLoss = losers > 0 ? grossLoss.div(losers) : null;
  return {
    trades: n,
    winners,
    losers,
    scratches: n - winners - losers,
    winRate: rate(winners, n),
    grossProfit,
    grossLoss,
    netPl: all.netPl,
    commissions,
    profitFactor: grossLoss.isZero() ? null : grossProfit.div(grossLoss.negated()),
    avgWin,
    avgLoss,
    winLossRatio: avgWin !== null && avgLoss !== null ? avgWin.div(avgLoss.negated()) : null,
    expectancy: n > 0 ? all.netPl.div(n) : null,
    largestWin,
    largestLoss,
    maxConsecutiveWins: maxWins,
    maxConsecutiveLosses: maxLosses,
    maxDrawdown,
    avgMae: n > 0 ? mae.div(n) : null,
    avgMfe: n > 0 ? mfe.div(n) : null,
    avgEtd: n > 0 ? etdSum.div(n) : null,
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

class Group {
  trades = 0;
  winners = 0;
  netPl = ZERO;
  profit = ZERO;
  loss = ZERO;
  add(net: Dec) {
    this.trades += 1;
    this.netPl = this.netPl.plus(net);
    if (net.isZero()) return;
    if (net.isPositive()) {
      this.winners += 1;
      this.profit = this.profit.plus(net);
    } else this.loss = this.loss.plus(net);
  }
  result(): GroupStatistics {
    return {
      trades: this.trades,
      winRate: rate(this.winners, this.trades),
      netPl: this.netPl,
      expectancy: this.trades > 0 ? this.netPl.div(this.trades) : null,
      profitFactor: this.loss.isZero() ? null : this.profit.div(this.loss.negated()),
    };
  }
}

class Groups {
  private readonly groups = new Map<string, Group>();
  private readonly spelling = new Map<string, string>();
  /** Keys compare without case for tags; the first spelling names the group. */
  add(key: string, net: Dec) {
    const folded = key.toLowerCase();
    let group = this.groups.get(folded);
    if (!group) {
      group = new Group();
      this.groups.set(folded, group);
      this.spelling.set(folded, key);
    }
    group.add(net);
  }
  result(order: (a: string, b: string) => number): Record<string, GroupStatistics> {
    const keys = [...this.spelling.values()].sort(order);
    const out: Record<string, GroupStatistics> = {};
    for (const key of keys) out[key] = this.groups.get(key.toLowerCase())!.result();
    return out;
  }
}

/**
 * New York hours, weekdays and trading days without time-zone arithmetic per trade: New York's offset changes only
 * on whole UTC hours, so one answer per UTC hour (and per roll for trading days) serves every trade in it.
 */
export class NewYorkCalendar {
  private readonly hours = new Map<number, { hour: string; weekday: string }>();
  private readonly days = new Map<number, string>();

  hourAndWeekday(ms: number): { hour: string; weekday: string } {
    const bucket = Math.floor(ms / HOUR);
    let known = this.hours.get(bucket);
    if (!known) {
      const here = DateTime.fromMillis(bucket * HOUR, { zone: NEW_YORK });
      known = { hour: String(here.hour).padStart(2, '0'), weekday: WEEKDAYS[here.weekday - 1]! };
      this.hours.set(bucket, known);
    }
    return known;
  }

  /** The trading day `ms` belongs to (ENGINE.md 8): the New York date of the roll that ends it. */
  tradingDay(ms: number): string {
    const roll = nextRollAfter(ms);
    let day = this.days.get(roll);
    if (day === undefined) {
      day = DateTime.fromMillis(roll, { zone: NEW_YORK }).toISODate()!;
      this.days.set(roll, day);
    }
    return day;
  }
}
