// The journal's records as strings (JOURNAL.md 6): trades and statistics for the scenario runner and the window.
// Decimals become plain text, times ISO 8601 UTC; counts, streaks and durations stay numbers. Nothing is decided here.
import { plain, plainOrNull } from '../engine/decimal';
import { avgEntry, avgExit, durationSeconds, etd, netPl, type Trade } from '../engine/journal';
import type { GroupStatistics, TradeStatistics } from '../engine/statistics';
import type { GroupStatisticsView, Grouping, StatisticsView, TradeView } from '../../shared/views';

// The view types live in src/shared (the window reads them too); re-exported for the runner and the tests.
export type { GroupStatisticsView, Grouping, StatisticsView, TradeView };

const iso = (ms: number) => new Date(ms).toISOString();

export function tradeView(trade: Trade): TradeView {
  return {
    id: trade.id,
    account: trade.accountId,
    symbol: trade.symbol,
    assetType: trade.assetType,
    direction: trade.direction,
    status: trade.status,
    openedAt: iso(trade.openedAt),
    closedAt: trade.closedAt === null ? null : iso(trade.closedAt),
    maxQty: plain(trade.maxQty),
    entryQty: plain(trade.entryQty),
    exitQty: plain(trade.exitQty),
    avgEntry: plain(avgEntry(trade)),
    avgExit: plainOrNull(avgExit(trade)),
    grossPl: plain(trade.grossPl),
    commissions: plain(trade.commissions),
    netPl: plain(netPl(trade)),
    mfe: plain(trade.mfe),
    mae: plain(trade.mae),
    etd: plainOrNull(etd(trade)),
    durationSeconds: durationSeconds(trade),
    tags: [...trade.tags],
    note: trade.note,
    fills: [...trade.fills],
    qty: plain(trade.qty),
  };
}

export const GROUPINGS: readonly Grouping[] = ['byTag', 'bySymbol', 'byDirection', 'byWeekday', 'byHour', 'byDay'];

function groupView(group: GroupStatistics): GroupStatisticsView {
  return {
    trades: group.trades,
    winRate: plainOrNull(group.winRate),
    netPl: plain(group.netPl),
    expectancy: plainOrNull(group.expectancy),
    profitFactor: plainOrNull(group.profitFactor),
  };
}

function groupsView(groups: Readonly<Record<string, GroupStatistics>>): Record<string, GroupStatisticsView> {
  const out: Record<string, GroupStatisticsView> = {};
  for (const [key, group] of Object.entries(groups)) out[key] = groupView(group);
  return out;
}

export function statisticsView(s: TradeStatistics): StatisticsView {
  return {
    trades: s.trades,
    winners: s.winners,
    losers: s.losers,
    scratches: s.scratches,
    winRate: plainOrNull(s.winRate),
    grossProfit: plain(s.grossProfit),
    grossLoss: plain(s.grossLoss),
    netPl: plain(s.netPl),
    commissions: plain(s.commissions),
    profitFactor: plainOrNull(s.profitFactor),
    avgWin: plainOrNull(s.avgWin),
    avgLoss: plainOrNull(s.avgLoss),
    winLossRatio: plainOrNull(s.winLossRatio),
    expectancy: plainOrNull(s.expectancy),
    largestWin: plainOrNull(s.largestWin),
    largestLoss: plainOrNull(s.largestLoss),
    maxConsecutiveWins: s.maxConsecutiveWins,
    maxConsecutiveLosses: s.maxConsecutiveLosses,
    maxDrawdown: plain(s.maxDrawdown),
    avgMae: plainOrNull(s.avgMae),
    avgMfe: plainOrNull(s.avgMfe),
    avgEtd: plainOrNull(s.avgEtd),
    avgDurationSeconds: s.avgDurationSeconds,
    avgWinDurationSeconds: s.avgWinDurationSeconds,
    avgLossDurationSeconds: s.avgLossDurationSeconds,
    byTag: groupsView(s.byTag),
    bySymbol: groupsView(s.bySymbol),
    byDirection: groupsView(s.byDirection),
    byWeekday: groupsView(s.byWeekday),
    byHour: groupsView(s.byHour),
    byDay: groupsView(s.byDay),
  };
}
