// JOURNAL.md 3: every statistic and grouping on hand-made closed trades, nulls where a value does not exist, the
// closing order for streaks and drawdown, New York hours and weekdays, byDay across the 17:00 roll.
import { describe, expect, it } from 'vitest';
import { statisticsView } from '../../src/main/desk/journalViews';
import { Dec, ZERO } from '../../src/main/engine/decimal';
import type { Trade } from '../../src/main/engine/journal';
import { tradeStatistics } from '../../src/main/engine/statistics';

let nextId = 1;
function trade(net: string, fields: Partial<Trade> & { opened?: string; closed?: string } = {}): Trade {
  const id = nextId++;
  const openedAt = Date.parse(fields.opened ?? '2026-01-05T15:00:00Z');
  const closedAt = Date.parse(fields.closed ?? '2026-01-05T15:10:00Z');
  return {
    id,
    accountId: 'main',
    symbol: 'AAPL',
    assetType: 'EQ',
    multiplier: new Dec(1),
    direction: 'LONG',
    status: 'CLOSED',
    openedAt,
    closedAt,
    openFillId: id * 10,
    closeFillId: id * 10 + 1,
    qty: ZERO,
    cost: ZERO,
    maxQty: new Dec(1),
    entryQty: new Dec(1),
    exitQty: new Dec(1),
    entryNotional: new Dec(1),
    exitNotional: new Dec(1),
    grossPl: new Dec(net).plus(1),
    commissions: new Dec(1),
    mfe: new Dec(10),
    mae: new Dec(-5),
    tags: [],
    note: '',
    fills: [id * 10, id * 10 + 1],
    ...fields,
  };
}

describe('statistics', () => {
  it('an empty set: counts and sums 0, everything else null', () => {
    const s = statisticsView(tradeStatistics([]));
    expect(s).toEqual({
      trades: 0, winners: 0, losers: 0, scratches: 0, winRate: null, grossProfit: '0', grossLoss: '0', netPl: '0',
      commissions: '0', profitFactor: null, avgWin: null, avgLoss: null, winLossRatio: null, expectancy: null,
      largestWin: null, largestLoss: null, maxConsecutiveWins: 0, maxConsecutiveLosses: 0, maxDrawdown: '0',
      avgMae: null, avgMfe: null, avgEtd: null, avgDurationSeconds: null, avgWinDurationSeconds: null,
      avgLossDurationSeconds: null, byTag: {}, bySymbol: {}, byDirection: {}, byWeekday: {}, byHour: {}, byDay: {},
    });
  });

  it('every statistic on a mixed set, in closing order, OPEN and RESET left out', () => {
    const trades = [
      trade('100', { closed: '2026-01-05T15:01:00Z' }),
      trade('50', { closed: '2026-01-05T15:02:00Z' }),
      trade('-30', { closed: '2026-01-05T15:03:00Z', opened: '2026-01-05T15:00:00Z' }),
      trade('0', { closed: '2026-01-05T15:04:00Z' }),
      trade('-90', { closed: '2026-01-05T15:05:00Z' }),
      trade('-10', { closed: '2026-01-05T15:06:00Z' }),
      trade('40', { closed: '2026-01-05T15:07:00Z' }),
      trade('999', { status: 'OPEN', closedAt: null, closeFillId: null }),
      trade('999', { status: 'RESET' }),
    ];
    const s = statisticsView(tradeStatistics(trades));
    expect(s).toMatchObject({
      trades: 7,
      winners: 3,
      losers: 3,
      scratches: 1,
      grossProfit: '190',
      grossLoss: '-130',
      netPl: '60',
      commissions: '7',
      largestWin: '100',
      largestLoss: '-90',
      maxConsecutiveWins: 2,
      maxConsecutiveLosses: 2,
      // Peak 150 after two trades; lowest after it 20 (150 - 30 + 0 - 90 - 10).
      maxDrawdown: '130',
      avgMae: '-5',
      avgMfe: '10',
    });
    expect(new Dec(s.winRate!).toFixed(6)).toBe('42.857143');
    expect(new Dec(s.profitFactor!).toFixed(6)).toBe('1.461538');
    expect(new Dec(s.avgWin!).toFixed(6)).toBe('63.333333');
    expect(new Dec(s.avgLoss!).toFixed(6)).toBe('-43.333333');
    expect(new Dec(s.winLossRatio!).toFixed(6)).toBe('1.461538');
    expect(new Dec(s.expectancy!).toFixed(6)).toBe('8.571429');
    // etd = mfe - grossPl: 10 - (net + 1).
    expect(new Dec(s.avgEtd!).toFixed(6)).toBe(new Dec(10).minus(new Dec(60).div(7)).minus(1).toFixed(6));
    expect(s.avgDurationSeconds).toBeCloseTo((60 * (1 + 2 + 3 + 4 + 5 + 6 + 7)) / 7 - 0, 6);
  });

  it('no losers: profit factor, avgLoss, winLossRatio and largestLoss are null', () => {
    const s = statisticsView(tradeStatistics([trade('10'), trade('0')]));
    expect(s).toMatchObject({ winRate: '50', profitFactor: null, avgLoss: null, winLossRatio: null, largestLoss: null, avgLossDurationSeconds: null });
    expect(s.avgWinDurationSeconds).toBe(600);
  });

  it('groupings: by tag (a trade in each of its tags, untagged under ""), symbol, direction, New York hour and weekday', () => {
    const s = statisticsView(
      tradeStatistics([
        trade('10', { tags: ['A', 'b'], opened: '2026-01-05T14:30:00Z' }),
        trade('-4', { tags: ['a'], symbol: 'MSFT', direction: 'SHORT', opened: '2026-01-06T20:59:00Z', closed: '2026-01-06T21:00:00Z' }),
        trade('6', { opened: '2026-01-10T15:00:00Z', closed: '2026-01-10T15:10:00Z' }),
      ]),
    );
    expect(s.byTag).toEqual({
      '': { trades: 1, winRate: '100', netPl: '6', expectancy: '6', profitFactor: null },
      A: { trades: 2, winRate: '50', netPl: '6', expectancy: '3', profitFactor: '2.5' },
      b: { trades: 1, winRate: '100', netPl: '10', expectancy: '10', profitFactor: null },
    });
    expect(Object.keys(s.bySymbol)).toEqual(['AAPL', 'MSFT']);
    expect(s.byDirection.SHORT).toMatchObject({ trades: 1, netPl: '-4', winRate: '0', profitFactor: '0' });
    expect(Object.keys(s.byHour).sort()).toEqual(['09', '10', '15']);
    expect(Object.keys(s.byWeekday)).toEqual(['Mon', 'Tue', 'Sat']);
  });

  it('byDay is the trading day of closedAt: after 17:00 New York the next day, a weekend the next Monday', () => {
    const s = statisticsView(
      tradeStatistics([
        trade('1', { closed: '2026-01-05T21:59:00Z' }), // Mon 16:59 NY
        trade('2', { closed: '2026-01-05T22:00:00Z' }), // Mon 17:00 NY: Tuesday's day
        trade('3', { closed: '2026-01-09T23:00:00Z' }), // Fri 18:00 NY: Monday's
        trade('4', { closed: '2026-01-10T15:00:00Z' }), // Saturday: Monday's
        trade('5', { closed: '2026-03-09T21:30:00Z' }), // after the DST change: Mon 17:30 EDT, Tuesday's
      ]),
    );
    expect(Object.fromEntries(Object.entries(s.byDay).map(([k, v]) => [k, v.netPl]))).toEqual({
      '2026-01-05': '1',
      '2026-01-06': '2',
      '2026-01-12': '7',
      '2026-03-10': '5',
    });
  });

  it('streaks and drawdown follow closing order (closedAt, then the closing fill), not the order given', () => {
    const late = trade('-5', { closed: '2026-01-05T15:20:00Z' });
    const same1 = trade('5', { closed: '2026-01-05T15:10:00Z', closeFillId: 2 });
    const same2 = trade('-5', { closed: '2026-01-05T15:10:00Z', closeFillId: 1 });
    const s = statisticsView(tradeStatistics([late, same1, same2]));
    // Closing order: -5 (fill 1), +5 (fill 2), -5: drawdown from 0 to -5, then from 0 to -5.
    expect(s).toMatchObject({ maxConsecutiveLosses: 1, maxConsecutiveWins: 1, maxDrawdown: '5' });
  });

  it('filters by account, closing range, symbol, direction and tag', () => {
    const trades = [
      trade('1', { tags: ['x'] }),
      trade('2', { accountId: 'other' }),
      trade('4', { symbol: 'MSFT', closed: '2026-01-07T15:00:00Z' }),
      trade('8', { direction: 'SHORT' }),
    ];
    const net = (f: Parameters<typeof tradeStatistics>[1]) => tradeStatistics(trades, f).netPl.toFixed();
    expect(net({ accountId: 'main' })).toBe('13');
    expect(net({ closedFrom: Date.parse('2026-01-06T00:00:00Z') })).toBe('4');
    expect(net({ closedTo: Date.parse('2026-01-06T00:00:00Z') })).toBe('11');
    expect(net({ symbols: ['MSFT'] })).toBe('4');
    expect(net({ direction: 'SHORT' })).toBe('8');
    expect(net({ tags: ['X'] })).toBe('1');
    expect(net({ tags: [''] })).toBe('14');
  });
});
