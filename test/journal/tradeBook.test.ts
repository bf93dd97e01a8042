// The desk's journal in memory (desk/tradeBook.ts) against the ledger it was read from: after any session of
// orders, quotes, resets and edits made while it is in memory, the desk's trades are the ledger's, in its order;
// and the cumulative curve sent to the window is bounded, each kept point an exact running total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeNet, MAX_CURVE_POINTS } from '../../src/main/desk/journalQuery';
import { tradeView } from '../../src/main/desk/journalViews';
import { Dec, ZERO } from '../../src/main/engine/decimal';
import { netPl } from '../../src/main/engine/journal';
import { byClosing, closedInOrder, closedMatching } from '../../src/main/engine/statistics';
import { closedTrades } from '../../bench/journal';
import { openTestDesk } from '../support/desk';
import { opArbitrary, Session } from '../support/randomOps';

const sessions = fc.array(opArbitrary, { minLength: 5, maxLength: 60 });
const RUNS = Number(process.env.PROPERTY_RUNS ?? 20);

describe('the journal in memory', () => {
  it('stays the ledger\'s trades through every commit after it was read, closed ones included', async () => {
    await fc.assert(
      fc.asyncProperty(sessions, sessions, async (before, after) => {
        const t = await openTestDesk();
        try {
          const session = new Session(t.desk, (minutes) => (t.clock.time += minutes * 60_000));
          for (const op of before) session.apply(op);
          await t.desk.warmJournal(); // read now; what follows only reaches it through commits
          for (const op of after) session.apply(op);
          t.desk.closedTrades(); // kept from here: the edits below swap their trades in it
          const first = t.desk.trades()[0];
          if (first) expect(t.desk.editTrade(first.id, { addTags: ['Kept'], note: 'n' }).ok).toBe(true);
          const last = t.desk.closedTrades().at(-1);
          if (last) expect(t.desk.editTrade(last.id, { note: 'only the note' }).ok).toBe(true);
          t.desk.flushQuotes(); // open trades' excursions to disk, as the desk shows them
          const stored = t.desk.ledger.trades().map(tradeView);
          expect(t.desk.trades().map(tradeView)).toEqual(stored);
          for (const trade of stored) expect(tradeView(t.desk.trade(trade.id)!)).toEqual(trade);
          expect(t.desk.tagsUsed()).toEqual(t.desk.ledger.tagsUsed());
          expect(t.desk.closedTrades().map(tradeView)).toEqual(closedInOrder(t.desk.ledger.trades(), {}).map(tradeView));
        } finally {
          t.close();
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the cumulative net P&L curve', () => {
  it('keeps at most MAX_CURVE_POINTS points, the last of each run, each the exact total so far', () => {
    const trades = closedTrades(5_001);
    const curve = cumulativeNet(trades, {});
    expect(curve.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(curve.length).toBeGreaterThan(MAX_CURVE_POINTS / 2);
    const totals = new Map<number, string>();
    let sum = ZERO;
    for (const trade of trades) {
      sum = sum.plus(netPl(trade));
      totals.set(Math.floor(trade.closedAt! / 1000), sum.toFixed());
    }
    for (const point of curve) expect(point.value).toBe(totals.get(point.time));
    expect(curve.at(-1)!.value).toBe(sum.toFixed());
    for (let i = 1; i < curve.length; i += 1) expect(curve[i]!.time).toBeGreaterThan(curve[i - 1]!.time);
  });

  it('sums exactly in Decimals when amounts are not whole cents', () => {
    const trades = closedTrades(3).map((t, i) => ({ ...t, commissions: new Dec('0.3333333333333333333').plus(i) }));
    let sum = ZERO;
    const expected = trades.map((t) => (sum = sum.plus(netPl(t))).toFixed());
    expect(cumulativeNet(trades, {}).map((p) => p.value)).toEqual(expected);
  });
});

describe('the closed trades in closing order, kept per version', () => {
  it('closedMatching over them is closedInOrder over all trades, for any filter', () => {
    const trades = closedTrades(600).map((t, i) => (i % 7 === 0 ? { ...t, status: 'OPEN' as const, closedAt: null } : t));
    const sorted = trades.filter((t) => t.status === 'CLOSED').sort(byClosing);
    const first = sorted[0]!.closedAt!;
    const last = sorted.at(-1)!.closedAt!;
    const time = fc.integer({ min: first - 60_000, max: last + 60_000 });
    const filters = fc.record(
      {
        closedFrom: time,
        closedTo: time,
        symbols: fc.constantFrom(['AAPL'], ['/ES', 'TSLA'], []),
        direction: fc.constantFrom('LONG' as const, 'SHORT' as const),
        tags: fc.constantFrom(['news'], [''], ['A+', 'fade']),
        accountId: fc.constantFrom('main', 'other'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filters, (filter) => {
        expect(closedMatching(sorted, filter).map((t) => t.id)).toEqual(closedInOrder(trades, filter).map((t) => t.id));
      }),
      { numRuns: 300 },
    );
  });
});
