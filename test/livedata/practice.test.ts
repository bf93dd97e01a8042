import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/main/engine/decimal';
import { PracticeMarket, PRACTICE_WATCHLIST } from '../../src/main/livedata/practiceFeed';
import { snapshotToJson } from '../../src/main/livedata/snapshot';

function run(seed: number, steps: number) {
  const market = new PracticeMarket(seed);
  const boards = [];
  for (let i = 0; i < steps; i += 1) boards.push(snapshotToJson(market.step()));
  return boards;
}

describe('the practice feed', () => {
  it('gives the same quotes for the same seed, and other quotes for another', () => {
    expect(run(42, 200)).toEqual(run(42, 200));
    expect(run(42, 50)).not.toEqual(run(43, 50));
  });

  it('covers the default watchlist', () => {
    expect(run(1, 1)[0]!.quotes.map((q) => q.symbol).sort()).toEqual(
      ['/CL', '/ES', '/GC', '/NQ', 'AAPL', 'MSFT', 'NVDA', 'QQQ', 'SPY', 'TSLA'].sort(),
    );
  });

  it('keeps prices on each instrument tick, bid below ask, last at the bid or the ask, high and low around last', () => {
    const ticks = new Map(PRACTICE_WATCHLIST.map((i) => [i.symbol, new Dec(i.tick)]));
    for (const board of run(7, 2_000)) {
      for (const q of board.quotes) {
        const tick = ticks.get(q.symbol!)!;
        for (const field of ['bid', 'ask', 'last', 'high', 'low'] as const) {
          expect(new Dec(q[field]!).mod(tick).isZero(), `${q.symbol} ${field} ${q[field]}`).toBe(true);
        }
        expect(new Dec(q.bid!).lessThan(new Dec(q.ask!))).toBe(true);
        expect([q.bid, q.ask]).toContain(q.last);
        expect(new Dec(q.low!).lessThanOrEqualTo(new Dec(q.last!))).toBe(true);
        expect(new Dec(q.high!).greaterThanOrEqualTo(new Dec(q.last!))).toBe(true);
        expect(new Dec(q.last!).minus(new Dec(q.close!)).eq(new Dec(q.netChange!))).toBe(true);
      }
    }
  });

  it('moves: prices change over time', () => {
    const boards = run(3, 100);
    const first = boards[0]!.quotes.find((q) => q.symbol === '/ES')!.last;
    expect(boards.some((b) => b.quotes.find((q) => q.symbol === '/ES')?.last !== first)).toBe(true);
  });
});
